namespace CitizenBot.Dialogs.Interruptions;

/// <summary>Words that mean the same at any step, whatever is being asked.</summary>
internal enum Interruption
{
    None,

    /// <summary>取消: end everything, say so, show the menu.</summary>
    Cancel,

    /// <summary>返回: re-ask the previous question; at the first one, back to the menu.</summary>
    Back,

    /// <summary>帮助: help for the current question, then ask it again.</summary>
    Help,

    /// <summary>人工: how a person takes over, then ask again.</summary>
    Human,

    /// <summary>返回主菜单: end everything quietly and show the menu.</summary>
    Menu,

    /// <summary>重新开始: the flow in progress begins again from its first question, with nothing kept.</summary>
    Restart,
}

using CitizenBot.Dialogs.Prompts;

namespace CitizenBot.Dialogs.Tests.Prompts;

public sealed class AddressInTextTests
{
    [Theory]
    [InlineData("我是和平路12号的王阿姨，电话13812345678，楼下井盖没了", "和平路12号")]
    [InlineData("东风路22号楼下饭店天天把泔水倒在路边", "东风路22号")]
    [InlineData("城关镇人民路25号门口的路灯坏了", "城关镇人民路25号")]
    [InlineData("幸福小区3栋2单元楼道里堆满了纸箱", "幸福小区3栋2单元")]
    [InlineData("我家住在红星村三组，村口的桥塌了一块", "红星村三组")]
    public void Find_AnAddressInASentence_IsFound(string text, string address) =>
        Assert.Equal(address, AddressInText.Find(text));

    [Theory]
    [InlineData("楼下井盖没了")]
    [InlineData("路灯坏了好几天了")]
    [InlineData("我们小区门口垃圾没人清")]
    [InlineData("")]
    public void Find_NoPlaceNamed_IsNothing(string text) =>
        Assert.Null(AddressInText.Find(text));
}

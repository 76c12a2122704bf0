using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CitizenBot.Bot.Data;

/// <summary>
/// A query compiled with <c>EF.CompileAsyncQuery</c> once for each EF model it runs against. A compiled query refuses a
/// model other than its first, and the SQLite and PostgreSQL contexts each have their own (a bot uses one, a test
/// process both).
/// </summary>
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetOrAdd(db.Model, static (_, compile) => compile(), compile);
}

using System.Data.Common;
using CitizenBot.Bot.Data;
using CitizenBot.Bot.Tests.TestData;
using CitizenBot.Bot.Ticketing.Lifecycle;
using CitizenBot.Dialogs.Identity;
using CitizenBot.Dialogs.Mediation;
using CitizenBot.Dialogs.Report;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CitizenBot.Bot.Tests.Tickets;

/// <summary>
/// A ticket's status, urgency and reporter role, its history rows' status and actor, and a mediation booking's status
/// are typed in the code and kept in their columns as the strings they always were (<c>resolved</c>, <c>urgent</c>,
/// <c>grid_worker</c>, <c>center</c>, <c>Confirmed</c>): rows written before read as typed values, a filter on a typed
/// value is answered by the database, and the model still matches the migrations, so nothing had to be migrated.
/// </summary>
public abstract class TypedColumnsTests : IAsyncLifetime
{
    private static readonly DateTimeOffset At = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    private protected abstract Task<CitizenBotDbContext> CreateContextAsync();

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Model_MatchesItsMigrations_NoMigrationPending()
    {
        await using var db = await CreateContextAsync();

        Assert.False(db.Database.HasPendingModelChanges(), "The EF model differs from the last migration's snapshot.");
    }

    [Fact]
    public async Task TypedTicket_IsStoredAsTheCenterStrings()
    {
        await using (var db = await CreateContextAsync())
        {
            db.Tickets.Add(Ticket("t-typed", TicketStatus.ReopenRequested, Urgency.Urgent, ReporterRole.GridWorker));
            await db.SaveChangesAsync();
        }

        var row = await ReadColumnsAsync("t-typed");

        Assert.Equal(("reopen_requested", "urgent", "grid_worker"), row);
    }

    [Theory]
    [InlineData("submitted", "normal", "resident", TicketStatus.Submitted, Urgency.Normal, ReporterRole.Resident)]
    [InlineData("in_progress", "urgent", "grid_worker", TicketStatus.InProgress, Urgency.Urgent, ReporterRole.GridWorker)]
    [InlineData("partially_resolved", "normal", "resident", TicketStatus.PartiallyResolved, Urgency.Normal, ReporterRole.Resident)]
    [InlineData("withdrawal_requested", "normal", "grid_worker", TicketStatus.WithdrawalRequested, Urgency.Normal, ReporterRole.GridWorker)]
    public async Task RowWrittenAsStrings_ReadsAsTypedValues(string status, string urgency, string role, TicketStatus typedStatus, Urgency typedUrgency, ReporterRole typedRole)
    {
        await using (var db = await CreateContextAsync())
        {
            db.Tickets.Add(Ticket("t-old", TicketStatus.Submitted, Urgency.Normal, ReporterRole.Resident));
            await db.SaveChangesAsync();
            // As a row written before the record was typed: the strings straight into the columns.
            await db.Database.ExecuteSqlAsync($"UPDATE tickets SET \"Status\" = {status}, \"Urgency\" = {urgency}, \"ReporterRole\" = {role} WHERE \"Id\" = 't-old'");
        }

        await using var read = await CreateContextAsync();
        var ticket = await read.Tickets.AsNoTracking().SingleAsync(t => t.Id == "t-old");

        Assert.Equal((typedStatus, typedUrgency, typedRole), (ticket.Status, ticket.Urgency, ticket.ReporterRole));
    }

    [Fact]
    public async Task FilterOnStatusUrgencyAndRole_IsAnsweredByTheDatabase()
    {
        await using (var db = await CreateContextAsync())
        {
            db.Tickets.AddRange(
                Ticket("t-open", TicketStatus.Dispatched, Urgency.Urgent, ReporterRole.GridWorker),
                Ticket("t-resolved", TicketStatus.Resolved, Urgency.Urgent, ReporterRole.GridWorker),
                Ticket("t-withdrawn", TicketStatus.Withdrawn, Urgency.Normal, ReporterRole.Resident),
                Ticket("t-normal", TicketStatus.Accepted, Urgency.Normal, ReporterRole.Resident));
            await db.SaveChangesAsync();
        }

        await using var read = await CreateContextAsync();
        var finished = TicketStatuses.Finished.ToList();
        var openUrgentByWorkers = read.Tickets.AsNoTracking()
            .Where(t => !finished.Contains(t.Status) && t.Urgency == Urgency.Urgent && t.ReporterRole == ReporterRole.GridWorker)
            .Select(t => t.Id);
        var sql = openUrgentByWorkers.ToQueryString();

        Assert.Equal(["t-open"], await openUrgentByWorkers.ToListAsync());
        Assert.Contains("\"Status\"", sql, StringComparison.Ordinal);
        Assert.Equal(["t-resolved", "t-withdrawn"], await read.Tickets.AsNoTracking().Where(t => finished.Contains(t.Status)).OrderBy(t => t.Id).Select(t => t.Id).ToListAsync());
        Assert.Equal(1, await read.Tickets.CountAsync(t => t.Status == TicketStatus.Accepted));
    }

    [Fact]
    public async Task TypedHistory_IsStoredAsTheStatusAndActorStrings()
    {
        await using (var db = await CreateContextAsync())
        {
            var ticket = Ticket("t-history", TicketStatus.Resolved, Urgency.Normal, ReporterRole.Resident);
            ticket.History.Add(History("t-history", TicketStatus.Submitted, Actor.Citizen, 0));
            ticket.History.Add(History("t-history", TicketStatus.PartiallyResolved, Actor.Center, 1));
            ticket.History.Add(History("t-history", TicketStatus.Overdue, Actor.Bot, 2));
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
        }

        var rows = await ReadStringsAsync("SELECT \"Status\", \"Actor\" FROM ticket_history WHERE \"TicketId\" = 't-history' ORDER BY \"At\"");

        Assert.Equal([("submitted", "citizen"), ("partially_resolved", "center"), ("overdue", "bot")], rows);
    }

    [Theory]
    [InlineData("submitted", "citizen", TicketStatus.Submitted, nameof(Actor.Citizen))]
    [InlineData("reopen_requested", "citizen", TicketStatus.ReopenRequested, nameof(Actor.Citizen))]
    [InlineData("returned", "center", TicketStatus.Returned, nameof(Actor.Center))]
    [InlineData("overdue", "bot", TicketStatus.Overdue, nameof(Actor.Bot))]
    public async Task HistoryRowWrittenAsStrings_ReadsAsTypedValues(string status, string actor, TicketStatus typedStatus, string typedActor)
    {
        await SeedHistoryRowAsync("t-oldh", status, actor);

        await using var read = await CreateContextAsync();
        var step = await read.History.AsNoTracking().SingleAsync(h => h.TicketId == "t-oldh");

        Assert.Equal((typedStatus, Enum.Parse<Actor>(typedActor)), (step.Status, step.Actor));
    }

    [Theory]
    [InlineData("done", "center")]
    [InlineData("Resolved", "center")]
    [InlineData("resolved", "staff")]
    [InlineData("resolved", "Center")]
    public async Task HistoryRowWithAStringTheBotNeverWrites_FailsToReadInsteadOfGuessing(string status, string actor)
    {
        await SeedHistoryRowAsync("t-oddh", status, actor);

        await using var read = await CreateContextAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => read.History.AsNoTracking().SingleAsync(h => h.TicketId == "t-oddh"));
    }

    [Fact]
    public async Task FilterOnHistoryStatusAndActor_IsAnsweredByTheDatabase()
    {
        await using (var db = await CreateContextAsync())
        {
            var ticket = Ticket("t-steps", TicketStatus.Resolved, Urgency.Normal, ReporterRole.Resident);
            ticket.History.Add(History("t-steps", TicketStatus.Submitted, Actor.Citizen, 0));
            ticket.History.Add(History("t-steps", TicketStatus.Resolved, Actor.Center, 1));
            ticket.History.Add(History("t-steps", TicketStatus.Rated, Actor.Citizen, 2));
            db.Tickets.Add(ticket);
            await db.SaveChangesAsync();
        }

        await using var read = await CreateContextAsync();
        var answered = TicketStatuses.Answered.ToList();
        var answeredByCenter = read.History.AsNoTracking().Where(h => h.TicketId == "t-steps" && h.Actor == Actor.Center && answered.Contains(h.Status));

        Assert.Contains("\"Actor\"", answeredByCenter.ToQueryString(), StringComparison.Ordinal);
        Assert.Equal([TicketStatus.Resolved], await answeredByCenter.Select(h => h.Status).ToListAsync());
        Assert.Equal(2, await read.History.CountAsync(h => h.TicketId == "t-steps" && h.Actor == Actor.Citizen));
    }

    [Fact]
    public async Task TypedBooking_IsStoredAsTheStatusName()
    {
        await using (var db = await CreateContextAsync())
        {
            db.MediationBookings.Add(Booking("b-typed", BookingStatus.Confirmed, At));
            await db.SaveChangesAsync();
        }

        var rows = await ReadStringsAsync("SELECT \"Status\", \"Id\" FROM mediation_bookings WHERE \"Id\" = 'b-typed'");

        Assert.Equal([("Confirmed", "b-typed")], rows);
    }

    [Theory]
    [InlineData("Invited", BookingStatus.Invited)]
    [InlineData("Confirmed", BookingStatus.Confirmed)]
    [InlineData("Declined", BookingStatus.Declined)]
    [InlineData("Expired", BookingStatus.Expired)]
    [InlineData("Cancelled", BookingStatus.Cancelled)]
    public async Task BookingWrittenAsString_ReadsAsTypedStatus(string status, BookingStatus typed)
    {
        await SeedBookingStatusAsync("b-old", status);

        await using var read = await CreateContextAsync();
        var booking = await read.MediationBookings.AsNoTracking().SingleAsync(b => b.Id == "b-old");

        Assert.Equal(typed, booking.Status);
    }

    [Theory]
    [InlineData("invited")]
    [InlineData("0")]
    [InlineData("Pending")]
    public async Task BookingWithAStatusTheBotNeverWrites_FailsToReadInsteadOfCountingAsInvited(string status)
    {
        await SeedBookingStatusAsync("b-odd", status);

        await using var read = await CreateContextAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => read.MediationBookings.AsNoTracking().SingleAsync(b => b.Id == "b-odd"));
    }

    [Fact]
    public async Task TypedBookingStatus_StillKeepsTheDatabaseFromDoubleBookingASlot()
    {
        var slot = At.AddDays(3);
        await using (var db = await CreateContextAsync())
        {
            db.MediationBookings.AddRange(Booking("b-cancelled", BookingStatus.Cancelled, slot), Booking("b-held", BookingStatus.Invited, slot));
            await db.SaveChangesAsync();
        }

        await using (var db = await CreateContextAsync())
        {
            db.MediationBookings.Add(Booking("b-double", BookingStatus.Confirmed, slot));
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }

        await using var read = await CreateContextAsync();
        Assert.Equal(["b-held"], await read.MediationBookings.Where(b => b.Status == BookingStatus.Invited || b.Status == BookingStatus.Confirmed).Select(b => b.Id).ToListAsync());
    }

    private async Task SeedHistoryRowAsync(string ticketId, string status, string actor)
    {
        await using var db = await CreateContextAsync();
        var ticket = Ticket(ticketId, TicketStatus.Submitted, Urgency.Normal, ReporterRole.Resident);
        ticket.History.Add(History(ticketId, TicketStatus.Submitted, Actor.Citizen, 0));
        db.Tickets.Add(ticket);
        await db.SaveChangesAsync();
        // As a row written before the record was typed: the strings straight into the columns.
        await db.Database.ExecuteSqlAsync($"UPDATE ticket_history SET \"Status\" = {status}, \"Actor\" = {actor} WHERE \"TicketId\" = {ticketId}");
    }

    private async Task SeedBookingStatusAsync(string id, string status)
    {
        await using var db = await CreateContextAsync();
        db.MediationBookings.Add(Booking(id, BookingStatus.Declined, At));
        await db.SaveChangesAsync();
        await db.Database.ExecuteSqlAsync($"UPDATE mediation_bookings SET \"Status\" = {status} WHERE \"Id\" = {id}");
    }

    private async Task<List<(string, string)>> ReadStringsAsync(string sql)
    {
        await using var db = await CreateContextAsync();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetString(1)));
        }

        return rows;
    }

    private static TicketHistoryRecord History(string ticketId, TicketStatus status, Actor actor, int minutes) =>
        new() { TicketId = ticketId, Status = status, Actor = actor, At = At.AddMinutes(minutes) };

    private static MediationBookingRecord Booking(string id, BookingStatus status, DateTimeOffset slot) => new()
    {
        Id = id,
        Number = "TJ-" + id,
        Status = status,
        BodyId = "labor",
        MediatorId = "lb-wang",
        SlotStart = slot,
        SlotEnd = slot.AddHours(1),
        DisputeType = "labor",
        Facts = "欠薪",
        ChannelId = "directline",
        UserId = "u-" + id,
        ConversationId = "c-" + id,
        ApplicantName = "甲",
        ApplicantPhone = "13800138000",
        OtherName = "乙",
        RoomName = "r-" + id,
    };

    [Fact]
    public async Task PlainInsert_TicketHistoryAndOutboxRow_ReadBackAsSaveChangesWritesThem()
    {
        TicketRecord Full(string id)
        {
            var ticket = Ticket(id, TicketStatus.Submitted, Urgency.Urgent, ReporterRole.GridWorker);
            (ticket.Anonymous, ticket.ContactName, ticket.Address, ticket.Crs) = (true, "张三", "示例街道青松社区3号楼", "gcj02");
            (ticket.Latitude, ticket.Longitude, ticket.LatitudeWgs84, ticket.LongitudeWgs84) = (30.0051234, 120.0054321, 30.0031234, 120.0004321);
            (ticket.GridId, ticket.GridName, ticket.Community, ticket.Street) = ("SAMPLE-001", "青松一网格", "青松社区", "示例街道");
            (ticket.DueAt, ticket.UpdatedAt) = (At.AddDays(1), At.AddMinutes(1));
            return ticket;
        }

        await using (var db = await CreateContextAsync())
        {
            db.Tickets.Add(Full("t-tracked"));
            db.History.Add(new TicketHistoryRecord { TicketId = "t-tracked", Status = TicketStatus.Submitted, Actor = Actor.Citizen, At = At });
            db.Outbox.Add(new OutboxRecord { Key = OutboxKey.Of("t-tracked", "ticket"), Urgent = true, CreatedAt = At });
            await db.SaveChangesAsync();
        }

        await using (var db = await CreateContextAsync())
        {
            await PlainInsert.InsertAsync(db, [
                Full("t-plain"),
                new TicketHistoryRecord { TicketId = "t-plain", Status = TicketStatus.Submitted, Actor = Actor.Citizen, At = At },
                new OutboxRecord { Key = OutboxKey.Of("t-plain", "ticket"), Urgent = true, CreatedAt = At },
            ], CancellationToken.None);
        }

        await using var read = await CreateContextAsync();
        var tickets = await read.Tickets.AsNoTracking().Include(t => t.History).Where(t => t.Id == "t-tracked" || t.Id == "t-plain").ToDictionaryAsync(t => t.Id);
        var outbox = await read.Outbox.AsNoTracking().ToDictionaryAsync(o => o.Key.TicketId);
        var columns = read.Model.FindEntityType(typeof(TicketRecord))!.GetProperties().Where(p => p.Name is not (nameof(TicketRecord.Id) or nameof(TicketRecord.Number)));
        Assert.All(columns, p => Assert.Equal(p.PropertyInfo!.GetValue(tickets["t-tracked"]), p.PropertyInfo.GetValue(tickets["t-plain"])));
        Assert.Equal("20261201-t-plain", tickets["t-plain"].Number);
        var history = Assert.Single(tickets["t-plain"].History);
        Assert.Equal((TicketStatus.Submitted, Actor.Citizen, At), (history.Status, history.Actor, history.At));
        Assert.True(history.Id > 0);
        Assert.Equal((true, At, 0, (DateTimeOffset?)null), (outbox["t-plain"].Urgent, outbox["t-plain"].CreatedAt, outbox["t-plain"].Attempts, outbox["t-plain"].AcceptedAt));
        Assert.Equal(OutboxKey.Of("t-plain", "ticket"), outbox["t-plain"].Key);
    }

    [Fact]
    public async Task PlainInsert_SameTicketIdTwice_RefusedAsSaveChangesRefusesIt_NothingOfTheSecondWritten()
    {
        await using (var db = await CreateContextAsync())
        {
            await PlainInsert.InsertAsync(db, [Ticket("t-once", TicketStatus.Submitted, Urgency.Normal, ReporterRole.Resident)], CancellationToken.None);
        }

        await using (var db = await CreateContextAsync())
        {
            await Assert.ThrowsAsync<DbUpdateException>(() => PlainInsert.InsertAsync(db, [
                new OutboxRecord { Key = OutboxKey.Of("t-once", "ticket"), CreatedAt = At },
                Ticket("t-once", TicketStatus.Submitted, Urgency.Normal, ReporterRole.Resident),
            ], CancellationToken.None));
        }

        await using var read = await CreateContextAsync();
        Assert.Equal(0, await read.Outbox.CountAsync());
    }

    private async Task<(string Status, string Urgency, string Role)> ReadColumnsAsync(string id)
    {
        await using var db = await CreateContextAsync();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"SELECT \"Status\", \"Urgency\", \"ReporterRole\" FROM tickets WHERE \"Id\" = '{id}'";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (reader.GetString(0), reader.GetString(1), reader.GetString(2));
    }

    private static TicketRecord Ticket(string id, TicketStatus status, Urgency urgency, ReporterRole role) => new()
    {
        Id = id,
        Number = "20261201-" + id,
        ChannelId = "directline",
        ReporterUserId = "user-1",
        ReporterConversationId = "conv-1",
        ReporterRole = role,
        Type = "report",
        CategoryCode = "05-01",
        CategoryName = "消防/安全隐患",
        Urgency = urgency,
        Description = "楼道堵了",
        Status = status,
        CreatedAt = At,
        UpdatedAt = At,
    };
}

/// <summary>On the embedded SQLite database, migrated as the bot migrates it.</summary>
public sealed class SqliteTypedColumnsTests : TypedColumnsTests
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "citizenbot-typed-" + Guid.NewGuid().ToString("N") + ".db");

    public override async Task InitializeAsync()
    {
        await using var db = await CreateContextAsync();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_path);
        return Task.CompletedTask;
    }

    private protected override Task<CitizenBotDbContext> CreateContextAsync() =>
        Task.FromResult(new CitizenBotDbContext(new DbContextOptionsBuilder<CitizenBotDbContext>().UseSqlite($"Data Source={_path}").Options));
}

/// <summary>On a real PostgreSQL (a throwaway database of tests/run-all.sh's server), migrated as the bot migrates it.</summary>
[Trait("Category", "Integration")]
public sealed class PostgresTypedColumnsTests : TypedColumnsTests
{
    private string _connectionString = "";
    private string _database = "";

    public override async Task InitializeAsync()
    {
        _connectionString = await ThrowawayPostgres.CreateDatabaseAsync();
        _database = new NpgsqlConnectionStringBuilder(_connectionString).Database!;
        await using var db = await CreateContextAsync();
        await db.Database.MigrateAsync();
    }

    public override Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        return Task.CompletedTask;
    }

    private protected override Task<CitizenBotDbContext> CreateContextAsync() =>
        Task.FromResult<CitizenBotDbContext>(new PostgresCitizenBotDbContext(new DbContextOptionsBuilder<PostgresCitizenBotDbContext>().UseNpgsql(_connectionString).Options));
}

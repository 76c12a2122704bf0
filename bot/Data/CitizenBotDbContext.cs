using CitizenBot.Bot.Ticketing.Lifecycle;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CitizenBot.Bot.Data;

/// <summary>
/// Tickets, photos, the outbox, center callbacks, ratings and grid workers. Table names carry no prefix of the turn
/// stores (<c>conversation_*</c>), which share the SQLite file.
/// </summary>
internal class CitizenBotDbContext : DbContext
{
    public CitizenBotDbContext(DbContextOptions<CitizenBotDbContext> options)
        : base(options)
    {
    }

    /// <summary>For <see cref="PostgresCitizenBotDbContext"/>: the same model, its own migrations.</summary>
    protected CitizenBotDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<TicketRecord> Tickets => Set<TicketRecord>();
    public DbSet<TicketPhotoRecord> Photos => Set<TicketPhotoRecord>();
    public DbSet<TicketHistoryRecord> History => Set<TicketHistoryRecord>();
    public DbSet<TicketSupplementRecord> Supplements => Set<TicketSupplementRecord>();
    public DbSet<OutboxRecord> Outbox => Set<OutboxRecord>();
    public DbSet<CenterCallbackRecord> CenterCallbacks => Set<CenterCallbackRecord>();
    public DbSet<TicketFeedbackRecord> Feedback => Set<TicketFeedbackRecord>();
    public DbSet<TicketNumberCounter> NumberCounters => Set<TicketNumberCounter>();
    public DbSet<GridWorkerRecord> GridWorkers => Set<GridWorkerRecord>();
    public DbSet<GridWorkerPointsRecord> GridWorkerPoints => Set<GridWorkerPointsRecord>();
    public DbSet<MediationBookingRecord> MediationBookings => Set<MediationBookingRecord>();
    public DbSet<TicketReminderRecord> Reminders => Set<TicketReminderRecord>();
    public DbSet<TicketWithdrawalRecord> Withdrawals => Set<TicketWithdrawalRecord>();
    public DbSet<TicketReopenRecord> Reopens => Set<TicketReopenRecord>();
    public DbSet<TicketFollowerRecord> Followers => Set<TicketFollowerRecord>();
    public DbSet<HotspotRecord> Hotspots => Set<HotspotRecord>();
    public DbSet<HotspotTicketRecord> HotspotTickets => Set<HotspotTicketRecord>();
    public DbSet<StaffAlertRecord> StaffAlerts => Set<StaffAlertRecord>();
    public DbSet<InsightDayRecord> InsightDays => Set<InsightDayRecord>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite cannot compare or order DateTimeOffset text; Unix milliseconds (UTC) sort and compare as numbers.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UnixMillisecondsConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TicketRecord>(e =>
        {
            e.ToTable("tickets");
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(32);
            e.Property(t => t.Number).HasMaxLength(20);
            e.HasIndex(t => t.Number).IsUnique();
            e.Property(t => t.Status).HasConversion(StoredValueConverters.Status);
            e.Property(t => t.Urgency).HasConversion(StoredValueConverters.Urgency);
            e.Property(t => t.ReporterRole).HasConversion(StoredValueConverters.Role);
            e.HasIndex(t => new { t.ChannelId, t.ReporterUserId, t.CreatedAt });
            // The duplicate check seeks by category and a latitude band (±150 m), not through every ticket of the day.
            e.HasIndex(t => new { t.CategoryCode, t.LatitudeWgs84 });
            // The staff console (bot/Insight) filters every list and count by a date range; overdue looks at open tickets by age.
            e.HasIndex(t => t.CreatedAt);
            e.HasIndex(t => new { t.Status, t.CreatedAt });
            // The overdue watch seeks open tickets past their due time that were not yet told.
            e.HasIndex(t => new { t.OverdueNotifiedAt, t.DueAt });
            // The staff console: its counts read these columns only (a covering index, not the wide rows), the overdue
            // list seeks open tickets by due time, and the hotspot sweep finds reports not yet checked.
            e.HasIndex(t => new { t.CreatedAt, t.CategoryCode, t.Status, t.ChannelId, t.ReporterRole, t.GridId, t.GridName, t.Urgency, t.HighValue }, "IX_tickets_Console");
            e.HasIndex(t => new { t.Status, t.DueAt });
            e.HasIndex(t => t.CreatedAt, "IX_tickets_HotspotUnchecked").HasFilter("\"HotspotCheckedAt\" IS NULL");
            e.Property(t => t.Description).HasMaxLength(TicketingDefaults.MaxDescriptionLengthLimit);
            e.HasMany(t => t.Photos).WithOne().HasForeignKey(p => p.TicketId);
            e.HasMany(t => t.History).WithOne().HasForeignKey(h => h.TicketId);
        });
        modelBuilder.Entity<TicketPhotoRecord>(e =>
        {
            e.ToTable("ticket_photos");
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).HasMaxLength(32);
        });
        modelBuilder.Entity<TicketHistoryRecord>(e =>
        {
            e.ToTable("ticket_history");
            e.HasKey(h => h.Id);
            e.Property(h => h.Status).HasConversion(StoredValueConverters.Status);
            e.Property(h => h.Actor).HasConversion(StoredValueConverters.Actor);
            e.HasIndex(h => new { h.TicketId, h.At });
            // The daily digest counts the tickets 办结 on a day. Not (Status, At): SQLite would then read every resolved
            // step to join a month of tickets to their history instead of seeking (TicketId, At) per ticket.
            e.HasIndex(h => h.At);
        });
        modelBuilder.Entity<TicketSupplementRecord>(e =>
        {
            e.ToTable("ticket_supplements");
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(32);
            e.Property(s => s.ReporterRole).HasConversion(StoredValueConverters.Role);
            e.HasOne<TicketRecord>().WithMany().HasForeignKey(s => s.TicketId);
            e.HasOne(s => s.History).WithOne().HasForeignKey<TicketSupplementRecord>(s => s.HistoryId);
            e.HasMany(s => s.Photos).WithOne().HasForeignKey(p => p.SupplementId);
            // "删除我的信息" finds a citizen's supplements by who sent them.
            e.HasIndex(s => new { s.ChannelId, s.ReporterUserId });
        });
        modelBuilder.Entity<OutboxRecord>(e =>
        {
            e.ToTable("ticket_outbox");
            e.HasKey(o => o.Id);
            // The key's three columns keep their names; an owned type (not a complex property) because EF Core
            // cannot index a complex property's columns, and the unique index is what makes a push happen once.
            e.OwnsOne(o => o.Key, k =>
            {
                k.Property(x => x.TicketId).HasColumnName("TicketId").IsRequired();
                k.Property(x => x.Kind).HasColumnName("Kind").IsRequired();
                k.Property(x => x.SubjectId).HasColumnName("SubjectId").HasMaxLength(32).IsRequired();
                k.HasIndex(x => new { x.TicketId, x.Kind, x.SubjectId }).IsUnique();
            });
            e.Navigation(o => o.Key).IsRequired();
            // Pending rows (AcceptedAt null) and, among them, the urgent ones each normal push checks it must yield to.
            e.HasIndex(o => new { o.AcceptedAt, o.Urgent });
        });
        modelBuilder.Entity<CenterCallbackRecord>(e =>
        {
            e.ToTable("center_callbacks");
            e.HasKey(c => c.Id);
            e.HasIndex(c => new { c.TicketId, c.Status, c.At }).IsUnique();
        });
        modelBuilder.Entity<TicketFeedbackRecord>(e =>
        {
            e.ToTable("ticket_feedback");
            e.HasKey(f => new { f.TicketId, f.Round });
            e.HasIndex(f => f.At);
        });
        modelBuilder.Entity<TicketNumberCounter>(e =>
        {
            e.ToTable("ticket_number_counters");
            e.HasKey(c => c.Day);
        });
        modelBuilder.Entity<GridWorkerRecord>(e =>
        {
            e.ToTable("grid_workers");
            e.HasKey(w => w.Id);
            e.HasIndex(w => new { w.ChannelId, w.UserId }).IsUnique();
        });
        modelBuilder.Entity<GridWorkerPointsRecord>(e =>
        {
            e.ToTable("grid_worker_points");
            e.HasKey(p => p.Id);
            e.HasIndex(p => new { p.TicketId, p.Reason }).IsUnique();
            e.HasIndex(p => new { p.WorkerId, p.At });
        });
        modelBuilder.Entity<MediationBookingRecord>(e =>
        {
            e.ToTable("mediation_bookings");
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).HasMaxLength(32);
            e.Property(b => b.Number).HasMaxLength(20);
            e.HasIndex(b => b.Number).IsUnique();
            e.Property(b => b.Status).HasConversion(BookingStatuses.Converter).HasMaxLength(16);
            // No double booking: one active booking per mediator and slot, enforced by the database.
            e.HasIndex(b => new { b.MediatorId, b.SlotStart }).IsUnique().HasFilter("\"Status\" IN ('Invited', 'Confirmed')");
            e.HasIndex(b => new { b.ChannelId, b.UserId, b.SlotStart });
            e.HasIndex(b => new { b.BodyId, b.SlotStart });
        });
        OnInsightModelCreating(modelBuilder);
        OnFollowUpModelCreating(modelBuilder);
    }

    /// <summary>What the citizen asks after filing: 催办, 撤回, 重办, 关注 (bot/Ticketing/Tickets/TicketLifecycle).</summary>
    private static void OnFollowUpModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TicketReminderRecord>(e =>
        {
            e.ToTable("ticket_reminders");
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).HasMaxLength(32);
            e.HasOne<TicketRecord>().WithMany().HasForeignKey(r => r.TicketId);
            e.HasIndex(r => new { r.TicketId, r.At });
        });
        modelBuilder.Entity<TicketWithdrawalRecord>(e =>
        {
            e.ToTable("ticket_withdrawals");
            e.HasKey(w => w.TicketId);
            e.HasOne<TicketRecord>().WithOne().HasForeignKey<TicketWithdrawalRecord>(w => w.TicketId);
        });
        modelBuilder.Entity<TicketReopenRecord>(e =>
        {
            e.ToTable("ticket_reopens");
            e.HasKey(r => r.TicketId);
            e.HasOne<TicketRecord>().WithOne().HasForeignKey<TicketReopenRecord>(r => r.TicketId);
        });
        modelBuilder.Entity<TicketFollowerRecord>(e =>
        {
            e.ToTable("ticket_followers");
            e.HasKey(f => f.Id);
            e.Property(f => f.Id).HasMaxLength(32);
            e.HasOne<TicketRecord>().WithMany().HasForeignKey(f => f.TicketId);
            e.HasIndex(f => new { f.TicketId, f.ChannelId, f.UserId });
            // "删除我的信息" finds what a citizen follows by who they are.
            e.HasIndex(f => new { f.ChannelId, f.UserId });
        });
    }

    private static void OnInsightModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HotspotRecord>(e =>
        {
            e.ToTable("hotspots");
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).HasMaxLength(32);
            e.HasIndex(h => h.FormedAt);
            // A new report looks for a live hotspot of its category to join.
            e.HasIndex(h => new { h.CategoryCode, h.LastReportAt });
            e.HasMany(h => h.Tickets).WithOne().HasForeignKey(t => t.HotspotId);
        });
        modelBuilder.Entity<HotspotTicketRecord>(e =>
        {
            e.ToTable("hotspot_tickets");
            e.HasKey(t => new { t.HotspotId, t.TicketId });
            e.HasIndex(t => t.TicketId).IsUnique();
        });
        modelBuilder.Entity<StaffAlertRecord>(e =>
        {
            e.ToTable("staff_alerts");
            e.HasKey(a => a.Id);
            e.Property(a => a.Kind).HasMaxLength(16);
            e.Property(a => a.SubjectId).HasMaxLength(32);
            e.Property(a => a.OpenId).HasMaxLength(64);
            e.HasIndex(a => new { a.Kind, a.SubjectId, a.OpenId }).IsUnique();
            e.HasIndex(a => a.DueAt).HasFilter("\"SentAt\" IS NULL AND \"SkippedAt\" IS NULL AND \"FailedAt\" IS NULL");
        });
        modelBuilder.Entity<InsightDayRecord>(e =>
        {
            e.ToTable("insight_days");
            e.HasKey(d => new { d.Measure, d.Day, d.CategoryCode, d.ChannelId, d.ReporterRole, d.GridId, d.Value });
            e.Property(d => d.Measure).HasMaxLength(16);
            e.Property(d => d.Day).HasMaxLength(10);
        });
    }

    private sealed class UnixMillisecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => v.ToUnixTimeMilliseconds(),
        v => DateTimeOffset.FromUnixTimeMilliseconds(v));
}

namespace ApiAuth.UsagePlans;

/// <summary>UTC calendar periods as usage-plan quotas count them: days from 00:00 UTC, weeks from Sunday, months from the 1st.</summary>
internal static class QuotaPeriods
{
    /// <summary>The start and end (exclusive), in UTC ticks, of the period holding <paramref name="utcTicks"/>.</summary>
    public static (long Start, long End) Containing(QuotaPeriod period, long utcTicks)
    {
        var day = new DateTime(utcTicks - (utcTicks % TimeSpan.TicksPerDay), DateTimeKind.Utc);
        var start = period switch
        {
            QuotaPeriod.Day => day,
            QuotaPeriod.Week => day.AddDays(-(int)day.DayOfWeek),
            _ => new DateTime(day.Year, day.Month, 1, 0, 0, 0, DateTimeKind.Utc),
        };
        var end = period switch
        {
            QuotaPeriod.Day => start.AddDays(1),
            QuotaPeriod.Week => start.AddDays(7),
            _ => start.AddMonths(1),
        };
        return (start.Ticks, end.Ticks);
    }
}

namespace ApiAuth.UsagePlans;

/// <summary>The period a usage plan's quota counts over, in UTC calendar periods.</summary>
public enum QuotaPeriod
{
    /// <summary>A UTC day, from 00:00 UTC.</summary>
    Day,

    /// <summary>A UTC week, from Sunday 00:00 UTC.</summary>
    Week,

    /// <summary>A UTC calendar month, from the 1st at 00:00 UTC.</summary>
    Month,
}

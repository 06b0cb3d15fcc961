namespace ApiAuth.UsagePlans;

/// <summary>Requests counted against a quota in the current UTC period. Not thread-safe: its owner holds a lock.</summary>
internal sealed class QuotaCounter(QuotaSettings settings, long initialPeriodStart)
{
    private long _start;
    private long _end;
    private int _used;

    public bool TryCount(long nowTicks)
    {
        if (nowTicks >= _end || nowTicks < _start)
        {
            (_start, _end) = QuotaPeriods.Containing(settings.Period, nowTicks);
            // The offset applies only in the period the plan started in.
            _used = _start == initialPeriodStart ? settings.Offset : 0;
        }
        if (_used >= settings.Limit)
        {
            return false;
        }
        _used++;
        return true;
    }
}

using EdgeOrch.Api.Validation;

namespace EdgeOrch.Controllers.CronJob;

/// <summary>
/// A cron schedule evaluated in a time zone: wall-clock matches (CronSchedule works on wall-clock DateTimes) converted to UTC.
/// Wall-clock times that do not exist (the hour skipped when clocks go forward) are skipped; repeated ones (clocks going
/// back) run once, in standard time.
/// </summary>
internal sealed class CronTimes(CronSchedule schedule, TimeZoneInfo zone)
{
    /// <summary>Kubernetes' limit: more missed start times than this is reported (TooManyMissedTimes).</summary>
    public const int MissedLimit = 100;

    public TimeZoneInfo Zone => zone;

    /// <summary>Schedule times strictly after <paramref name="after"/>, in order (for about five years).</summary>
    public IEnumerable<DateTimeOffset> After(DateTimeOffset after)
    {
        var local = DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(after, zone).DateTime, DateTimeKind.Unspecified);
        var last = after;
        while (schedule.Next(local) is { } next)
        {
            local = next;
            if (zone.IsInvalidTime(next)) continue;
            var utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(next, zone), TimeSpan.Zero);
            if (utc <= last) continue;
            last = utc;
            yield return utc;
        }
    }

    public DateTimeOffset? Next(DateTimeOffset after) => After(after).Select(t => (DateTimeOffset?)t).FirstOrDefault();

    /// <summary>
    /// The latest schedule time in (earliest, now], and how many there were (counting stops just past the limit).
    /// With very many missed times the latest is found by searching growing windows back from now, not by walking them all.
    /// </summary>
    public (DateTimeOffset? MostRecent, int Missed) MostRecent(DateTimeOffset earliest, DateTimeOffset now)
    {
        DateTimeOffset? latest = null;
        var count = 0;
        foreach (var t in After(earliest))
        {
            if (t > now || count > MissedLimit) break;
            latest = t;
            count++;
        }
        if (count <= MissedLimit)
            return (latest, count);
        foreach (var window in new[] { TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(32), TimeSpan.FromDays(367), TimeSpan.FromDays(5 * 366) })
        {
            var from = now - window > earliest ? now - window : earliest;
            DateTimeOffset? found = null;
            foreach (var t in After(from))
            {
                if (t > now) break;
                found = t;
            }
            if (found is not null) return (found, count);
        }
        return (latest, count);
    }

    /// <summary>Resolves spec.timeZone (IANA name; null means the controller's own zone).</summary>
    public static bool TryZone(string? name, TimeZoneInfo fallback, out TimeZoneInfo zone, out string? error)
    {
        error = null;
        zone = fallback;
        if (string.IsNullOrEmpty(name)) return true;
        try
        {
            zone = TimeZoneInfo.FindSystemTimeZoneById(name);
            return true;
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            error = e.Message;
            return false;
        }
    }
}

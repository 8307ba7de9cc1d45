using System.Globalization;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// Kubernetes' human duration (apimachinery duration.HumanDuration), the AGE format kubectl users read:
/// seconds up to 2 minutes, minutes with seconds below 10 minutes, then coarser units keeping ~2-3 significant figures.
/// </summary>
public static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        // Truncation toward zero, as Go's int(d.Seconds()); up to ~2 s of clock skew still reads as "0s".
        var seconds = (long)d.TotalSeconds;
        if (seconds < -1)
        {
            return "<invalid>";
        }
        if (seconds < 0)
        {
            return "0s";
        }
        if (seconds < 60 * 2)
        {
            return F($"{seconds}s");
        }

        var minutes = d.Ticks / TimeSpan.TicksPerMinute;
        if (minutes < 10)
        {
            var s = seconds % 60;
            return s == 0 ? F($"{minutes}m") : F($"{minutes}m{s}s");
        }
        if (minutes < 60 * 3)
        {
            return F($"{minutes}m");
        }

        var hours = d.Ticks / TimeSpan.TicksPerHour;
        if (hours < 8)
        {
            var m = minutes % 60;
            return m == 0 ? F($"{hours}h") : F($"{hours}h{m}m");
        }
        if (hours < 48)
        {
            return F($"{hours}h");
        }
        if (hours < 24 * 8)
        {
            var h = hours % 24;
            return h == 0 ? F($"{hours / 24}d") : F($"{hours / 24}d{h}h");
        }
        if (hours < 24 * 365 * 2)
        {
            return F($"{hours / 24}d");
        }
        if (hours < 24 * 365 * 8)
        {
            var dy = hours / 24 % 365;
            return dy == 0 ? F($"{hours / 24 / 365}y") : F($"{hours / 24 / 365}y{dy}d");
        }
        return F($"{hours / 24 / 365}y");
    }

    /// <summary>Age of a timestamp at <paramref name="now"/>; "&lt;unknown&gt;" when there is none, as kubectl shows.</summary>
    public static string Since(DateTimeOffset? time, DateTimeOffset now) =>
        time is null ? "<unknown>" : Format(now - time.Value);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

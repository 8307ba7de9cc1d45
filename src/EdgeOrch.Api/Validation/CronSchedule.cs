using System.Globalization;

namespace EdgeOrch.Api.Validation;

/// <summary>
/// A standard 5-field cron schedule (minute hour day-of-month month day-of-week) or a descriptor (@hourly, @daily, ...),
/// as CronJob accepts. Parsing errors use the wording of the cron library Kubernetes uses, so messages read the same.
/// </summary>
public sealed class CronSchedule
{
    private readonly bool[] _minutes, _hours, _days, _months, _weekdays;
    private readonly bool _dayStar, _weekdayStar;

    private CronSchedule(bool[][] fields, bool dayStar, bool weekdayStar)
    {
        (_minutes, _hours, _days, _months, _weekdays) = (fields[0], fields[1], fields[2], fields[3], fields[4]);
        _dayStar = dayStar;
        _weekdayStar = weekdayStar;
    }

    private static readonly (int Min, int Max, string[]? Names)[] Bounds =
    [
        (0, 59, null),
        (0, 23, null),
        (1, 31, null),
        (1, 12, ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]),
        (0, 6, ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]),
    ];

    public static bool TryParse(string text, out CronSchedule? schedule, out string? error)
    {
        schedule = null;
        var spec = text.Trim();
        spec = spec switch
        {
            "@yearly" or "@annually" => "0 0 1 1 *",
            "@monthly" => "0 0 1 * *",
            "@weekly" => "0 0 * * 0",
            "@daily" or "@midnight" => "0 0 * * *",
            "@hourly" => "0 * * * *",
            _ => spec,
        };
        if (spec.StartsWith('@'))
        {
            error = $"unrecognized descriptor: {spec}";
            return false;
        }
        var parts = spec.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 5)
        {
            error = $"expected exactly 5 fields, found {parts.Length}: [{string.Join(" ", parts)}]";
            return false;
        }
        var fields = new bool[5][];
        for (var i = 0; i < 5; i++)
        {
            fields[i] = new bool[Bounds[i].Max + 2];
            foreach (var range in parts[i].Split(','))
                if (!TryRange(range, i, fields[i], out error))
                    return false;
        }
        // Day-of-week 7 means Sunday too.
        if (fields[4][7]) fields[4][0] = true;
        schedule = new CronSchedule(fields, parts[2] is "*" or "?", parts[4] is "*" or "?");
        error = null;
        return true;
    }

    private static bool TryRange(string expr, int field, bool[] bits, out string? error)
    {
        var (min, max, names) = Bounds[field];
        if (field == 4) max = 7;
        var step = 1;
        var slash = expr.Split('/');
        if (slash.Length > 2) { error = $"too many slashes: {expr}"; return false; }
        if (slash.Length == 2 && !TryNumber(slash[1], null, out step, out error)) return false;
        if (step <= 0) { error = $"step of range should be a positive number: {expr}"; return false; }

        int start, end;
        var rangePart = slash[0];
        if (rangePart is "*" or "?")
        {
            (start, end) = (min, field == 4 ? 6 : max);
        }
        else
        {
            var dash = rangePart.Split('-');
            if (dash.Length > 2) { error = $"too many hyphens: {expr}"; return false; }
            if (!TryNumber(dash[0], names, out start, out error)) return false;
            end = start;
            if (dash.Length == 2 && !TryNumber(dash[1], names, out end, out error)) return false;
            else if (dash.Length == 1 && slash.Length == 2) end = field == 4 ? 6 : max;
        }
        if (start < min) { error = $"beginning of range ({start}) below minimum ({min}): {expr}"; return false; }
        if (end > max) { error = $"end of range ({end}) above maximum ({max}): {expr}"; return false; }
        if (start > end) { error = $"beginning of range ({start}) beyond end of range ({end}): {expr}"; return false; }
        for (var v = start; v <= end; v += step)
            bits[v] = true;
        error = null;
        return true;
    }

    private static bool TryNumber(string s, string[]? names, out int value, out string? error)
    {
        error = null;
        if (names is not null)
        {
            var idx = Array.IndexOf(names, s.ToLowerInvariant());
            if (idx >= 0)
            {
                // Months are 1-based, weekdays 0-based.
                value = names.Length == 12 ? idx + 1 : idx;
                return true;
            }
        }
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value))
            return true;
        error = $"failed to parse int from {s}: strconv.Atoi: parsing \"{s}\": invalid syntax";
        return false;
    }

    /// <summary>The first schedule time strictly after <paramref name="after"/> (minute precision), or null within ~5 years.</summary>
    public DateTime? Next(DateTime after)
    {
        var t = new DateTime(after.Year, after.Month, after.Day, after.Hour, after.Minute, 0, after.Kind).AddMinutes(1);
        var limit = t.AddYears(5);
        while (t < limit)
        {
            if (!_months[t.Month]) { t = new DateTime(t.Year, t.Month, 1, 0, 0, 0, t.Kind).AddMonths(1); continue; }
            if (!DayMatches(t)) { t = t.Date.AddDays(1); continue; }
            if (!_hours[t.Hour]) { t = t.Date.AddHours(t.Hour + 1); continue; }
            if (!_minutes[t.Minute]) { t = t.AddMinutes(1); continue; }
            return t;
        }
        return null;
    }

    /// <summary>Cron's rule: when both day fields are restricted, either may match.</summary>
    private bool DayMatches(DateTime t)
    {
        var dom = _days[t.Day];
        var dow = _weekdays[(int)t.DayOfWeek];
        if (_dayStar || _weekdayStar)
            return dom && dow;
        return dom || dow;
    }
}

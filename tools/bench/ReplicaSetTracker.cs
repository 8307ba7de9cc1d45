using System.Text.Json;

namespace EdgeOrch.Bench;

/// <summary>
/// Follows the ReplicaSets of one namespace through a watch, for the limits a rollout must keep: Kubernetes applies
/// maxSurge to the sum of the ReplicaSets' spec.replicas and maxUnavailable to the sum of their availableReplicas.
/// The extremes of both sums are kept from <see cref="StartExtremes"/> on, checked on every event.
/// </summary>
internal sealed class ReplicaSetTracker
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (int Spec, int Available)> _sets = new(StringComparer.Ordinal);
    private bool _tracking;

    public int MaxSpecSum { get; private set; }

    public int MinAvailableSum { get; private set; } = int.MaxValue;

    public int Count
    {
        get { lock (_lock) return _sets.Count; }
    }

    public void StartExtremes()
    {
        lock (_lock)
        {
            MaxSpecSum = _sets.Values.Sum(s => s.Spec);
            MinAvailableSum = _sets.Values.Sum(s => s.Available);
            _tracking = true;
        }
    }

    public void OnEvent(string type, JsonElement rs, long now)
    {
        var name = rs.GetProperty("metadata").GetProperty("name").GetString()!;
        lock (_lock)
        {
            if (type == "DELETED")
            {
                _sets.Remove(name);
            }
            else
            {
                _sets[name] = (Int(rs, "spec", "replicas"), Int(rs, "status", "availableReplicas"));
            }
            if (_tracking)
            {
                MaxSpecSum = Math.Max(MaxSpecSum, _sets.Values.Sum(s => s.Spec));
                MinAvailableSum = Math.Min(MinAvailableSum, _sets.Values.Sum(s => s.Available));
            }
        }
    }

    private static int Int(JsonElement obj, string section, string field) =>
        obj.TryGetProperty(section, out var s) && s.ValueKind == JsonValueKind.Object && s.TryGetProperty(field, out var v) &&
        v.ValueKind == JsonValueKind.Number ? v.GetInt32() : 0;
}

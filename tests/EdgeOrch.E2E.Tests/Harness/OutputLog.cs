namespace EdgeOrch.E2E.Tests.Harness;

/// <summary>Keeps the last lines a child process printed, so failures can show what the server said.</summary>
public sealed class OutputLog
{
    private readonly Queue<string> _lines = new();
    private readonly int _capacity;

    public OutputLog(int capacity = 500) => _capacity = capacity;

    public void Add(string prefix, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_lines)
        {
            _lines.Enqueue(prefix + line);
            while (_lines.Count > _capacity)
            {
                _lines.Dequeue();
            }
        }
    }

    public string Tail(int maxLines = 80)
    {
        lock (_lines)
        {
            var skip = Math.Max(0, _lines.Count - maxLines);
            return string.Join('\n', _lines.Skip(skip));
        }
    }
}

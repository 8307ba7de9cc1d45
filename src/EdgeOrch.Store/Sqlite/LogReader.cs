using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace EdgeOrch.Store.Sqlite;

/// <summary>
/// Reads of history (lists at an old revision, watch catch-up) on a small pool of read connections; WAL lets them run
/// beside the writer. Each pooled connection keeps its statements prepared.
/// </summary>
internal sealed class LogReader : IDisposable
{
    private readonly SqliteStoreOptions _options;
    private readonly ConcurrentBag<ReadConnection> _idle = new();
    private bool _disposed;

    public LogReader(SqliteStoreOptions options) => _options = options;

    /// <summary>Live keys in <paramref name="range"/> as of <paramref name="revision"/>, in key order after
    /// <paramref name="startAfter"/>, at most <paramref name="limit"/> (0 = all) plus whether more remain.</summary>
    public (List<StoreEntry> Items, bool More) ListAt(KeyRange range, long revision, string? startAfter, int limit)
    {
        var connection = Rent();
        try
        {
            return connection.ListAt(range, revision, startAfter, limit);
        }
        finally
        {
            Return(connection);
        }
    }

    /// <summary>Log rows in (after, until] for keys in <paramref name="range"/>, in revision order, at most
    /// <paramref name="max"/>, as watch events.</summary>
    public List<WatchEvent> ReadEvents(KeyRange range, long after, long until, int max)
    {
        var connection = Rent();
        try
        {
            return connection.ReadEvents(range, after, until, max);
        }
        finally
        {
            Return(connection);
        }
    }

    public void Dispose()
    {
        lock (_idle)
        {
            _disposed = true;
            while (_idle.TryTake(out var connection))
                connection.Dispose();
        }
    }

    private ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var connection) ? connection : new ReadConnection(StoreSchema.Open(_options, writer: false));
    }

    private void Return(ReadConnection connection)
    {
        lock (_idle)
        {
            // Keep a few idle connections; a burst of readers beyond that closes its extra ones.
            if (_disposed || _idle.Count >= 4)
                connection.Dispose();
            else
                _idle.Add(connection);
        }
    }

    private sealed class ReadConnection : IDisposable
    {
        // The newest row of each key at or below $rev, skipping keys whose newest row is a tombstone. The (key, id) index
        // yields rows in key order, so the LIMIT stops the scan early instead of sorting the whole range.
        private const string ListSql = """
            SELECT l.id, l.key, l.create_revision, l.value FROM log l
            WHERE l.key >= $lo {0} AND l.key > $after AND l.id <= $rev AND l.deleted = 0
              AND NOT EXISTS (SELECT 1 FROM log n WHERE n.key = l.key AND n.id > l.id AND n.id <= $rev)
            ORDER BY l.key LIMIT $n
            """;

        // Rows in revision order with the row each one replaced (its Previous).
        private const string EventsSql = """
            SELECT l.id, l.key, l.create_revision, l.deleted, l.value, p.id, p.create_revision, p.value
            FROM log l LEFT JOIN log p ON p.id = l.prev_revision
            WHERE l.id > $after AND l.id <= $until AND l.key >= $lo {0}
            ORDER BY l.id LIMIT $n
            """;

        private readonly SqliteConnection _connection;
        private readonly SqliteCommand _list, _listBounded, _events, _eventsBounded;

        public ReadConnection(SqliteConnection connection)
        {
            _connection = connection;
            _list = Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, ListSql, ""), "$lo", "$after", "$rev", "$n");
            _listBounded = Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, ListSql, "AND l.key < $hi"), "$lo", "$hi", "$after", "$rev", "$n");
            _events = Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, EventsSql, ""), "$after", "$until", "$lo", "$n");
            _eventsBounded = Command(string.Format(System.Globalization.CultureInfo.InvariantCulture, EventsSql, "AND l.key < $hi"), "$after", "$until", "$lo", "$hi", "$n");
        }

        public (List<StoreEntry> Items, bool More) ListAt(KeyRange range, long revision, string? startAfter, int limit)
        {
            var command = range.High is null ? _list : _listBounded;
            command.Parameters["$lo"].Value = range.Low;
            if (range.High is not null)
                command.Parameters["$hi"].Value = range.High;
            // "" sorts before every key, so "no start key" needs no second statement.
            command.Parameters["$after"].Value = startAfter ?? "";
            command.Parameters["$rev"].Value = revision;
            command.Parameters["$n"].Value = limit > 0 ? limit + 1L : -1L;
            var items = new List<StoreEntry>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (limit > 0 && items.Count == limit)
                    return (items, true);
                items.Add(new StoreEntry(reader.GetString(1), StoreSchema.Blob(reader, 3), reader.GetInt64(0), reader.GetInt64(2)));
            }
            return (items, false);
        }

        public List<WatchEvent> ReadEvents(KeyRange range, long after, long until, int max)
        {
            var command = range.High is null ? _events : _eventsBounded;
            command.Parameters["$after"].Value = after;
            command.Parameters["$until"].Value = until;
            command.Parameters["$lo"].Value = range.Low;
            if (range.High is not null)
                command.Parameters["$hi"].Value = range.High;
            command.Parameters["$n"].Value = (long)max;
            var events = new List<WatchEvent>();
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var key = reader.GetString(1);
                var entry = new StoreEntry(key, StoreSchema.Blob(reader, 4), reader.GetInt64(0), reader.GetInt64(2));
                var previous = reader.IsDBNull(5)
                    ? null
                    : new StoreEntry(key, StoreSchema.Blob(reader, 7), reader.GetInt64(5), reader.GetInt64(6));
                var deleted = reader.GetInt64(3) != 0;
                events.Add(deleted
                    ? new WatchEvent(WatchEventType.Delete, entry, false, previous)
                    : new WatchEvent(WatchEventType.Put, entry, entry.CreateRevision == entry.Revision, previous));
            }
            return events;
        }

        public void Dispose()
        {
            foreach (var command in new[] { _list, _listBounded, _events, _eventsBounded })
                command.Dispose();
            _connection.Dispose();
        }

        private SqliteCommand Command(string sql, params string[] parameters)
        {
            var command = _connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in parameters)
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            return command;
        }
    }
}

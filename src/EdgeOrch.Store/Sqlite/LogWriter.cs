using Microsoft.Data.Sqlite;

namespace EdgeOrch.Store.Sqlite;

/// <summary>
/// The single writing connection and its prepared statements, reused for every write (the writer loop is the only caller,
/// so nothing here is synchronized). Transactions are begun with plain SQL so no transaction object is allocated per group.
/// </summary>
internal sealed class LogWriter : IDisposable
{
    private static readonly object True = 1L, False = 0L;

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _begin;
    private readonly SqliteCommand _commit;
    private readonly SqliteCommand _rollback;
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _id, _key, _createRevision, _prevRevision, _deleted, _value;
    private readonly SqliteCommand _compact;
    private readonly SqliteParameter _compactFrom, _compactTo;
    private readonly SqliteCommand _setCompacted;
    private readonly SqliteParameter _compactedValue;

    public LogWriter(SqliteConnection connection)
    {
        _connection = connection;
        _begin = Prepare("BEGIN IMMEDIATE");
        _commit = Prepare("COMMIT");
        _rollback = Prepare("ROLLBACK");

        _insert = Prepare("INSERT INTO log(id, key, create_revision, prev_revision, deleted, value) VALUES($id, $key, $cr, $pr, $del, $val)");
        _id = _insert.Parameters.Add("$id", SqliteType.Integer);
        _key = _insert.Parameters.Add("$key", SqliteType.Text);
        _createRevision = _insert.Parameters.Add("$cr", SqliteType.Integer);
        _prevRevision = _insert.Parameters.Add("$pr", SqliteType.Integer);
        _deleted = _insert.Parameters.Add("$del", SqliteType.Integer);
        _value = _insert.Parameters.Add("$val", SqliteType.Blob);

        // Rows at or below the window's end that history no longer needs: every row a newer row in the window superseded
        // (found through that row's prev_revision, wherever the superseded row lies) and every tombstone in the window.
        _compact = Prepare("""
            DELETE FROM log WHERE id IN (
                SELECT prev_revision FROM log WHERE id > $from AND id <= $to AND prev_revision <> 0
                UNION ALL
                SELECT id FROM log WHERE id > $from AND id <= $to AND deleted <> 0)
            """);
        _compactFrom = _compact.Parameters.Add("$from", SqliteType.Integer);
        _compactTo = _compact.Parameters.Add("$to", SqliteType.Integer);

        _setCompacted = Prepare($"INSERT INTO meta(name, value) VALUES('{StoreSchema.CompactedMetaName}', $v) ON CONFLICT(name) DO UPDATE SET value = excluded.value");
        _compactedValue = _setCompacted.Parameters.Add("$v", SqliteType.Integer);
        foreach (var command in new[] { _insert, _compact, _setCompacted })
            command.Prepare();
    }

    public SqliteConnection Connection => _connection;

    public void Begin() => _begin.ExecuteNonQuery();

    public void Commit() => _commit.ExecuteNonQuery();

    public void Rollback() => _rollback.ExecuteNonQuery();

    public void Insert(long id, string key, long createRevision, long prevRevision, bool deleted, byte[] value)
    {
        _id.Value = id;
        _key.Value = key;
        _createRevision.Value = createRevision;
        _prevRevision.Value = prevRevision;
        _deleted.Value = deleted ? True : False;
        _value.Value = value;
        _insert.ExecuteNonQuery();
    }

    /// <summary>Compacts the revisions (from, to] and records <paramref name="to"/> as compacted; returns rows removed.</summary>
    public int CompactWindow(long from, long to)
    {
        _compactFrom.Value = from;
        _compactTo.Value = to;
        var removed = _compact.ExecuteNonQuery();
        _compactedValue.Value = to;
        _setCompacted.ExecuteNonQuery();
        return removed;
    }

    public void CheckpointPassive()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        foreach (var command in new[] { _begin, _commit, _rollback, _insert, _compact, _setCompacted })
            command.Dispose();
    }

    private SqliteCommand Prepare(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}

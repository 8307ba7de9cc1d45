using Microsoft.Data.Sqlite;

namespace EdgeOrch.Store.Sqlite;

/// <summary>The database layout and how every connection is opened.</summary>
internal static class StoreSchema
{
    // The row id IS the revision. AUTOINCREMENT keeps sqlite_sequence, so a revision is never handed out twice even after
    // compaction deleted the newest rows (a trailing tombstone). (key, id) serves per-key history, lists at a revision,
    // and compaction's lookups.
    public const string Create = """
        CREATE TABLE IF NOT EXISTS log(
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            key TEXT NOT NULL,
            create_revision INTEGER NOT NULL,
            prev_revision INTEGER NOT NULL,
            deleted INTEGER NOT NULL,
            value BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS log_key_id ON log(key, id);
        CREATE TABLE IF NOT EXISTS meta(name TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
        """;

    public const string CompactedMetaName = "compacted";

    /// <summary>Opens a connection with the pragmas every connection needs. Pooling is off so that closing really closes
    /// (the last close checkpoints and removes the WAL).</summary>
    public static SqliteConnection Open(SqliteStoreOptions options, bool writer)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            Cache = SqliteCacheMode.Private,
        };
        var connection = new SqliteConnection(builder.ConnectionString);
        try
        {
            connection.Open();
            var synchronous = options.Durability == StoreDurability.PowerLoss ? "FULL" : "NORMAL";
            // wal_autocheckpoint=0: SQLite would otherwise checkpoint inside a committing writer; the store runs
            // checkpoints on a separate connection so the writer's commit latency never includes one. The WAL file is cut
            // back when it restarts only if it grew past twice the checkpoint size (a normal cycle reuses it in place).
            Execute(connection, $"""
                PRAGMA journal_mode=WAL;
                PRAGMA synchronous={synchronous};
                PRAGMA wal_autocheckpoint=0;
                PRAGMA journal_size_limit={Math.Max(2L * options.WalCheckpointPages, 1024) * 4096};
                PRAGMA busy_timeout=10000;
                PRAGMA temp_store=MEMORY;
                """);
            if (writer)
                Execute(connection, Create);
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public static long ScalarLong(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is null or DBNull ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static byte[] Blob(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? [] : reader.GetFieldValue<byte[]>(ordinal);
}

namespace EdgeOrch.Store;

/// <summary>What an acknowledged write must survive.</summary>
public enum StoreDurability
{
    /// <summary>synchronous=FULL: every group commit is fsynced before it is acknowledged (survives power loss).</summary>
    PowerLoss,

    /// <summary>synchronous=NORMAL: the WAL is written but not fsynced per commit; survives a process crash,
    /// a power cut may lose the last commits (never corrupts the database).</summary>
    ProcessCrash,
}

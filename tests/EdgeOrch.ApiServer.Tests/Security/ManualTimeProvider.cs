namespace EdgeOrch.ApiServer.Tests.Security;

/// <summary>A clock the test sets by hand, to age certificates without waiting.</summary>
internal sealed class ManualTimeProvider(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

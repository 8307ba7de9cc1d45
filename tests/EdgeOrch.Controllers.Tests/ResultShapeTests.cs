namespace EdgeOrch.Controllers.Tests;

public class ResultShapeTests
{
    [Fact]
    public void AfterCarriesTheDelay() => Assert.Equal(TimeSpan.FromSeconds(3), EdgeOrch.Controllers.Runtime.ReconcileResult.After(TimeSpan.FromSeconds(3)).RequeueAfter);
}

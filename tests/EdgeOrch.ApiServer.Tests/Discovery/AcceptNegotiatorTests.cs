using EdgeOrch.ApiServer.Discovery;

namespace EdgeOrch.ApiServer.Tests.Discovery;

public sealed class AcceptNegotiatorTests
{
    private const string Kubectl132 =
        "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json";

    [Theory]
    [InlineData(Kubectl132, DiscoveryFormat.AggregatedV2)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", DiscoveryFormat.AggregatedV2Beta1)]
    [InlineData("application/json", DiscoveryFormat.Legacy)]
    [InlineData("application/json, */*", DiscoveryFormat.Legacy)]
    [InlineData(null, DiscoveryFormat.Legacy)]
    [InlineData("application/vnd.kubernetes.protobuf;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json", DiscoveryFormat.Legacy)]
    [InlineData("application/json;q=0.5, application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", DiscoveryFormat.AggregatedV2)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList;q=0.1, application/json", DiscoveryFormat.Legacy)]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v3;as=APIGroupDiscoveryList", DiscoveryFormat.Legacy)]
    public void Picks_the_best_acceptable_format(string? accept, DiscoveryFormat expected) =>
        Assert.Equal(expected, AcceptNegotiator.Negotiate(accept));

    [Fact]
    public void Versions_sort_by_kubernetes_priority()
    {
        string[] versions = ["v1alpha1", "foo", "v1beta1", "v1", "v2beta2", "v2", "v1beta2", "v10"];
        Assert.Equal(["v10", "v2", "v1", "v2beta2", "v1beta2", "v1beta1", "v1alpha1", "foo"],
            versions.Order(KubeVersionOrder.Instance));
    }
}

using static EdgeOrch.ApiServer.Tests.Tables.TableKit;

namespace EdgeOrch.ApiServer.Tests.Tables;

public sealed class NetworkTableTests
{
    [Fact]
    public void ClusterIP_service()
    {
        var table = Table("Service", """
            {"metadata":{"name":"web","creationTimestamp":"$AGO:45s$"},
             "spec":{"type":"ClusterIP","clusterIP":"10.43.0.10","clusterIPs":["10.43.0.10"],
               "ports":[{"port":80,"protocol":"TCP","targetPort":8080},{"port":53,"protocol":"UDP"}],"selector":{"app":"web"}}}
            """);
        Assert.Equal(["Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector"], ColumnNames(table));
        Assert.Equal([0, 0, 0, 0, 0, 0, 1], Priorities(table));
        Assert.Equal(["web", "ClusterIP", "10.43.0.10", "<none>", "80/TCP,53/UDP", "45s", "app=web"], Cells(table));
    }

    [Fact]
    public void NodePort_service_shows_node_port()
    {
        var cells = Row("Service", """
            {"metadata":{"name":"web"},"spec":{"type":"NodePort","clusterIPs":["10.43.0.11"],
             "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"}]}}
            """);
        Assert.Equal(["NodePort", "10.43.0.11", "<none>", "80:30080/TCP"], cells[1..5]);
        Assert.Equal("<none>", cells[6]);
    }

    [Fact]
    public void LoadBalancer_without_address_is_pending()
    {
        var cells = Row("Service", """
            {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","clusterIPs":["10.43.0.12"],
             "ports":[{"port":80,"nodePort":30080,"protocol":"TCP"}]},"status":{"loadBalancer":{}}}
            """);
        Assert.Equal(["LoadBalancer", "10.43.0.12", "<pending>", "80:30080/TCP"], cells[1..5]);
    }

    [Fact]
    public void LoadBalancer_with_addresses_and_external_ips()
    {
        Assert.Equal("192.168.1.20,192.168.1.21", Cell("Service", """
            {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer"},
             "status":{"loadBalancer":{"ingress":[{"ip":"192.168.1.21"},{"ip":"192.168.1.20"},{"ip":"192.168.1.21"}]}}}
            """, "External-IP"));
        Assert.Equal("lb.example.com,203.0.113.9", Cell("Service", """
            {"metadata":{"name":"lb"},"spec":{"type":"LoadBalancer","externalIPs":["203.0.113.9"]},
             "status":{"loadBalancer":{"ingress":[{"hostname":"lb.example.com"}]}}}
            """, "External-IP"));
    }

    [Fact]
    public void Headless_and_external_name_services()
    {
        Assert.Equal(["ClusterIP", "None", "<none>", "<none>"], Row("Service", """
            {"metadata":{"name":"db"},"spec":{"clusterIP":"None","clusterIPs":["None"]}}
            """)[1..5]);
        Assert.Equal(["ExternalName", "<none>", "db.example.com"], Row("Service", """
            {"metadata":{"name":"ext"},"spec":{"type":"ExternalName","externalName":"db.example.com"}}
            """)[1..4]);
    }

    [Fact]
    public void Endpoints_list_up_to_three_then_more()
    {
        var table = Table("Endpoints", """
            {"metadata":{"name":"web","creationTimestamp":"$AGO:5m$"},"subsets":[
              {"addresses":[{"ip":"10.42.0.5"},{"ip":"10.42.0.6"}],"ports":[{"name":"http","port":8080},{"name":"m","port":9090}]}]}
            """);
        Assert.Equal(["Name", "Endpoints", "Age"], ColumnNames(table));
        Assert.Equal(["web", "10.42.0.5:8080,10.42.0.6:8080,10.42.0.5:9090 + 1 more...", "5m"], Cells(table));
        Assert.Equal("<none>", Cell("Endpoints", """{"metadata":{"name":"e"}}""", "Endpoints"));
        Assert.Equal("[fd00::1]:80", Cell("Endpoints", """
            {"metadata":{"name":"e"},"subsets":[{"addresses":[{"ip":"fd00::1"}],"ports":[{"port":80}]}]}
            """, "Endpoints"));
    }

    [Fact]
    public void EndpointSlice()
    {
        var table = Table("EndpointSlice", """
            {"metadata":{"name":"web-abc12","creationTimestamp":"$AGO:5m$"},"addressType":"IPv4",
             "ports":[{"name":"http","port":8080,"protocol":"TCP"}],
             "endpoints":[{"addresses":["10.42.0.5"]},{"addresses":["10.42.0.6"]}]}
            """);
        Assert.Equal(["Name", "AddressType", "Ports", "Endpoints", "Age"], ColumnNames(table));
        Assert.Equal(["web-abc12", "IPv4", "8080", "10.42.0.5,10.42.0.6", "5m"], Cells(table));
        Assert.Equal(["<unset>", "<unset>"], Row("EndpointSlice", """{"metadata":{"name":"e"},"addressType":"IPv4"}""")[2..4]);
    }

    [Fact]
    public void Ingress()
    {
        var table = Table("Ingress", """
            {"metadata":{"name":"web","creationTimestamp":"$AGO:5m$"},
             "spec":{"ingressClassName":"traefik","tls":[{"hosts":["a.example.com"]}],
               "rules":[{"host":"a.example.com"},{"host":"b.example.com"}]},
             "status":{"loadBalancer":{"ingress":[{"ip":"192.168.1.10"}]}}}
            """);
        Assert.Equal(["Name", "Class", "Hosts", "Address", "Ports", "Age"], ColumnNames(table));
        Assert.Equal(["web", "traefik", "a.example.com,b.example.com", "192.168.1.10", "80, 443", "5m"], Cells(table));
        Assert.Equal(["<none>", "*", "", "80"], Row("Ingress", """
            {"metadata":{"name":"x"},"spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}
            """)[1..5]);
        Assert.Equal("a,b,c + 1 more...", Cell("Ingress", """
            {"metadata":{"name":"x"},"spec":{"rules":[{"host":"a"},{"host":"b"},{"host":"c"},{"host":"d"}]}}
            """, "Hosts"));
    }

    [Fact]
    public void IngressClass_and_NetworkPolicy()
    {
        var ic = Table("IngressClass", """
            {"metadata":{"name":"traefik","creationTimestamp":"$AGO:1d$"},
             "spec":{"controller":"traefik.io/ingress-controller","parameters":{"apiGroup":"k8s.example.com","kind":"Params","name":"p"}}}
            """);
        Assert.Equal(["Name", "Controller", "Parameters", "Age"], ColumnNames(ic));
        Assert.Equal(["traefik", "traefik.io/ingress-controller", "Params.k8s.example.com/p", "24h"], Cells(ic));

        var np = Table("NetworkPolicy", """
            {"metadata":{"name":"deny","creationTimestamp":"$AGO:1d$"},"spec":{"podSelector":{}}}
            """);
        Assert.Equal(["Name", "Pod-Selector", "Age"], ColumnNames(np));
        Assert.Equal(["deny", "<none>", "24h"], Cells(np));
        Assert.Equal("!legacy,role=db", Cell("NetworkPolicy", """
            {"metadata":{"name":"db"},"spec":{"podSelector":{"matchLabels":{"role":"db"},"matchExpressions":[{"key":"legacy","operator":"DoesNotExist"}]}}}
            """, "Pod-Selector"));
    }
}

using System.Text.Json.Nodes;
using EdgeOrch.Api.Defaulting;
using EdgeOrch.Api.Validation;

namespace EdgeOrch.Api.Tests;

public sealed class WorkloadValidationTests
{
    private static JsonObject Web()
    {
        var d = Manifests.Load("web.yaml").Single(o => (string?)o["kind"] == "Deployment");
        d["metadata"]!["namespace"] = "default";
        ObjectDefaulter.Apply(Manifests.Builtin("Deployment"), d);
        return d;
    }

    private static List<string> Create(string kind, JsonObject obj) => Errors.Lines(ObjectValidator.ValidateCreate(Manifests.Builtin(kind), obj));

    [Fact]
    public void SelectorMustMatchTemplateLabels()
    {
        var d = Web();
        d["spec"]!["template"]!["metadata"]!["labels"] = new JsonObject { ["app"] = "other", ["tier"] = "x" };
        Assert.Equal(["spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"other\", \"tier\":\"x\"}: `selector` does not match template `labels`"],
            Create("Deployment", d));
    }

    [Fact]
    public void SelectorIsRequiredAndMustNotBeEmpty()
    {
        var d = Web();
        d["spec"]!.AsObject().Remove("selector");
        Assert.Equal(["spec.selector: Required value"], Create("Deployment", d));
        d["spec"]!["selector"] = new JsonObject();
        Assert.Equal(["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment"],
            Create("Deployment", d));
    }

    [Fact]
    public void MatchExpressionsSelectTemplateLabels()
    {
        var d = Web();
        d["spec"]!["selector"] = Manifests.Json("""{"matchExpressions":[{"key":"app","operator":"In","values":["web","api"]}]}""");
        Assert.Empty(Create("Deployment", d));
        d["spec"]!["selector"] = Manifests.Json("""{"matchExpressions":[{"key":"app","operator":"NotIn","values":["web"]}]}""");
        Assert.Single(Create("Deployment", d));
        d["spec"]!["selector"] = Manifests.Json("""{"matchExpressions":[{"key":"app","operator":"Exists","values":["web"]}]}""");
        Assert.Contains("spec.selector.matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'", Create("Deployment", d));
    }

    [Fact]
    public void ReplicasMustNotBeNegativeAndRestartPolicyMustBeAlways()
    {
        var d = Web();
        d["spec"]!["replicas"] = -1;
        d["spec"]!["template"]!["spec"]!["restartPolicy"] = "Never";
        Assert.Equal(
        [
            "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"",
        ], Create("Deployment", d));
    }

    [Fact]
    public void RollingUpdateMayNotHaveBothZero()
    {
        var d = Web();
        d["spec"]!["strategy"]!["rollingUpdate"] = Manifests.Json("""{"maxUnavailable":0,"maxSurge":"0%"}""");
        Assert.Equal(["spec.strategy.rollingUpdate.maxUnavailable: Invalid value: intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}: may not be 0 when `maxSurge` is 0"],
            Create("Deployment", d));
        d["spec"]!["strategy"]!["rollingUpdate"] = Manifests.Json("""{"maxUnavailable":"x%","maxSurge":1}""");
        Assert.Single(Create("Deployment", d));
    }

    [Fact]
    public void SelectorIsImmutable()
    {
        var old = Web();
        var updated = Web();
        updated["spec"]!["selector"] = Manifests.Json("""{"matchLabels":{"app":"web2"}}""");
        updated["spec"]!["template"]!["metadata"]!["labels"] = new JsonObject { ["app"] = "web2" };
        Assert.Equal(["spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable"],
            Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.Builtin("Deployment"), updated, old)));
        updated = Web();
        updated["spec"]!["replicas"] = 5;
        Assert.Empty(ObjectValidator.ValidateUpdate(Manifests.Builtin("Deployment"), updated, old));
    }

    [Fact]
    public void StatefulSetSpecIsMostlyImmutable()
    {
        JsonObject Mysql()
        {
            var s = Manifests.Load("mysql-statefulset.yaml").Single();
            s["metadata"]!["namespace"] = "default";
            ObjectDefaulter.Apply(Manifests.Builtin("StatefulSet"), s);
            return s;
        }
        var old = Mysql();
        var scaled = Mysql();
        scaled["spec"]!["replicas"] = 3;
        scaled["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "mysql:8";
        Assert.Empty(ObjectValidator.ValidateUpdate(Manifests.Builtin("StatefulSet"), scaled, old));

        var renamed = Mysql();
        renamed["spec"]!["serviceName"] = "other";
        Assert.Equal(["spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden"],
            Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.Builtin("StatefulSet"), renamed, old)));
    }

    [Fact]
    public void JobTemplateMustNotRestartAlwaysAndIsImmutable()
    {
        var job = Manifests.Json("""
            {"metadata":{"name":"pi","namespace":"default"},
             "spec":{"template":{"spec":{"containers":[{"name":"pi","image":"perl"}]}}}}
            """);
        ObjectDefaulter.Apply(Manifests.Builtin("Job"), job);
        Assert.Equal(["spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\""], Create("Job", job));

        job["spec"]!["template"]!["spec"]!["restartPolicy"] = "Never";
        JobDefaults.GenerateSelector(job, "uid-1");
        Assert.Empty(Create("Job", job));
        Assert.Equal("uid-1", (string?)job["spec"]!["selector"]!["matchLabels"]![JobDefaults.ControllerUidLabel]);

        var changed = job.DeepClone().AsObject();
        changed["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "perl:5";
        var errs = Errors.Lines(ObjectValidator.ValidateUpdate(Manifests.Builtin("Job"), changed, job));
        Assert.Single(errs);
        Assert.StartsWith("spec.template: Invalid value: ", errs[0]);
        Assert.EndsWith(": field is immutable", errs[0]);
    }

    [Fact]
    public void CronJobScheduleIsChecked()
    {
        var cj = Manifests.Json("""
            {"metadata":{"name":"hello","namespace":"default"},
             "spec":{"schedule":"every minute","jobTemplate":{"spec":{"template":{"spec":{"restartPolicy":"OnFailure","containers":[{"name":"c","image":"busybox"}]}}}}}}
            """);
        ObjectDefaulter.Apply(Manifests.Builtin("CronJob"), cj);
        Assert.Equal(["spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, found 2: [every minute]"], Create("CronJob", cj));
        cj["spec"]!["schedule"] = "*/5 * * * *";
        Assert.Empty(Create("CronJob", cj));
    }
}

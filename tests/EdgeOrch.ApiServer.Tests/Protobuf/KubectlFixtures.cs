namespace EdgeOrch.ApiServer.Tests.Protobuf;

/// <summary>
/// Request bodies kubectl v1.32.4 sent, captured once with a logging HTTP stub: a small Python http.server on
/// 127.0.0.1 served /api, /apis and /api(s)/G/V discovery lists for the built-in kinds and wrote each POST body to a
/// file; kubectl ran as <c>kubectl --server http://127.0.0.1:PORT create ...</c> with the command shown per fixture.
/// Bodies are base64 of the raw bytes (magic "k8s\0" + runtime.Unknown). <see cref="KubectlLiveCaptureTests"/> repeats
/// a few captures live when kubectl is installed.
/// </summary>
internal static class KubectlFixtures
{
    /// <summary><c>kubectl create namespace t2</c> → <c>POST /api/v1/namespaces?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Namespace = "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhoKEgoCdDISABoAIgAqADIAOABCABIAGgIKABoAIgA=";

    /// <summary><c>kubectl create configmap cm1 --from-literal=a=1 --from-literal=b=two -n ns1</c> → <c>POST /api/v1/namespaces/ns1/configmaps?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Configmap = "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEioKFgoDY20xEgAaA25zMSIAKgAyADgAQgASBgoBYRIBMRIICgFiEgN0d28aACIA";

    /// <summary><c>kubectl create configmap cm2 --from-file=blob=bin.dat (bytes 00 01 ff fe) --from-file=t.txt ("text\n") -n ns1</c> → <c>POST /api/v1/namespaces/ns1/configmaps?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string ConfigmapBin =
        "azhzAAoPCgJ2MRIJQ29uZmlnTWFwEjYKFgoDY20yEgAaA25zMSIAKgAyADgAQgASDgoFdC50eHQSBXRleHQKGgwKBGJsb2ISBAAB" +
        "//4aACIA";

    /// <summary><c>kubectl create secret generic s1 --from-literal=user=admin --from-literal=pass=s3cr3t -n ns1</c> → <c>POST /api/v1/namespaces/ns1/secrets?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Secret =
        "azhzAAoMCgJ2MRIGU2VjcmV0EjgKFQoCczESABoDbnMxIgAqADIAOABCABIOCgRwYXNzEgZzM2NyM3QSDQoEdXNlchIFYWRtaW4a" +
        "ABoAIgA=";

    /// <summary><c>kubectl create secret docker-registry reg --docker-server=r.example --docker-username=u --docker-password=p -n ns1</c> → <c>POST /api/v1/namespaces/ns1/secrets?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string SecretTlsDocker =
        "azhzAAoMCgJ2MRIGU2VjcmV0EpQBChYKA3JlZxIAGgNuczEiACoAMgA4AEIAEloKES5kb2NrZXJjb25maWdqc29uEkV7ImF1dGhz" +
        "Ijp7InIuZXhhbXBsZSI6eyJ1c2VybmFtZSI6InUiLCJwYXNzd29yZCI6InAiLCJhdXRoIjoiZFRwdyJ9fX0aHmt1YmVybmV0ZXMu" +
        "aW8vZG9ja2VyY29uZmlnanNvbhoAIgA=";

    /// <summary><c>kubectl create serviceaccount sa1 -n ns1</c> → <c>POST /api/v1/namespaces/ns1/serviceaccounts?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Serviceaccount = "azhzAAoUCgJ2MRIOU2VydmljZUFjY291bnQSGAoWCgNzYTESABoDbnMxIgAqADIAOABCABoAIgA=";

    /// <summary><c>kubectl create service clusterip svc1 --tcp=80:8080 -n ns1</c> → <c>POST /api/v1/namespaces/ns1/services?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Service =
        "azhzAAoNCgJ2MRIHU2VydmljZRJvCiQKBHN2YzESABoDbnMxIgAqADIAOABCAFoLCgNhcHASBHN2YzESQwobCgc4MC04MDgwEgNU" +
        "Q1AYUCIHCAAQkD8aACgAEgsKA2FwcBIEc3ZjMRoAIglDbHVzdGVySVA6AEIAUgBaAGAAaAAaAgoAGgAiAA==";

    /// <summary><c>kubectl create service nodeport svc2 --tcp=80:8080 --node-port=30080 -n ns1</c> → <c>POST /api/v1/namespaces/ns1/services?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string ServiceNp =
        "azhzAAoNCgJ2MRIHU2VydmljZRJwCiQKBHN2YzISABoDbnMxIgAqADIAOABCAFoLCgNhcHASBHN2YzISRAodCgc4MC04MDgwEgNU" +
        "Q1AYUCIHCAAQkD8aACiA6wESCwoDYXBwEgRzdmMyGgAiCE5vZGVQb3J0OgBCAFIAWgBgAGgAGgIKABoAIgA=";

    /// <summary><c>kubectl create service externalname ext1 --external-name=example.com -n ns1</c> → <c>POST /api/v1/namespaces/ns1/services?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string ServiceExt =
        "azhzAAoNCgJ2MRIHU2VydmljZRJgCiQKBGV4dDESABoDbnMxIgAqADIAOABCAFoLCgNhcHASBGV4dDESNBILCgNhcHASBGV4dDEa" +
        "ACIMRXh0ZXJuYWxOYW1lOgBCAFILZXhhbXBsZS5jb21aAGAAaAAaAgoAGgAiAA==";

    /// <summary><c>kubectl create service loadbalancer lb1 --tcp=443:8443 -n ns1</c> → <c>POST /api/v1/namespaces/ns1/services?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string ServiceLb =
        "azhzAAoNCgJ2MRIHU2VydmljZRJxCiIKA2xiMRIAGgNuczEiACoAMgA4AEIAWgoKA2FwcBIDbGIxEkcKHQoINDQzLTg0NDMSA1RD" +
        "UBi7AyIHCAAQ+0EaACgAEgoKA2FwcBIDbGIxGgAiDExvYWRCYWxhbmNlcjoAQgBSAFoAYABoABoCCgAaACIA";

    /// <summary><c>kubectl create service clusterip hl --clusterip=None -n ns1</c> → <c>POST /api/v1/namespaces/ns1/services?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string ServiceHeadless =
        "azhzAAoNCgJ2MRIHU2VydmljZRJQCiAKAmhsEgAaA25zMSIAKgAyADgAQgBaCQoDYXBwEgJobBIoEgkKA2FwcBICaGwaBE5vbmUi" +
        "CUNsdXN0ZXJJUDoAQgBSAFoAYABoABoCCgAaACIA";

    /// <summary><c>kubectl create deployment web --image=nginx:alpine --replicas=2 --port=80 -n ns1</c> → <c>POST /apis/apps/v1/namespaces/ns1/deployments?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Deployment =
        "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EsIBCiIKA3dlYhIAGgNuczEiACoAMgA4AEIAWgoKA2FwcBIDd2ViEo0BCAISDAoK" +
        "CgNhcHASA3dlYhpzChwKABIAGgAiACoAMgA4AEIAWgoKA2FwcBIDd2ViElMSNQoFbmdpbngSDG5naW54OmFscGluZSoAMgoKABAA" +
        "GFAiACoAQgBqAHIAgAEAiAEAkAEAogEAGgAyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBACICCgAoADgAGgwIABAAGAAgACgAOAAa" +
        "ACIA";

    /// <summary><c>kubectl create deployment multi --image=nginx --image=redis -n ns1</c> → <c>POST /apis/apps/v1/namespaces/ns1/deployments?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string DeploymentMulti =
        "azhzAAoVCgdhcHBzL3YxEgpEZXBsb3ltZW50EtwBCiYKBW11bHRpEgAaA25zMSIAKgAyADgAQgBaDAoDYXBwEgVtdWx0aRKjAQgB" +
        "Eg4KDAoDYXBwEgVtdWx0aRqGAQoeCgASABoAIgAqADIAOABCAFoMCgNhcHASBW11bHRpEmQSIgoFbmdpbngSBW5naW54KgBCAGoA" +
        "cgCAAQCIAQCQAQCiAQASIgoFcmVkaXMSBXJlZGlzKgBCAGoAcgCAAQCIAQCQAQCiAQAaADIAQgBKAFIAWABgAGgAggEAigEAmgEA" +
        "wgEAIgIKACgAOAAaDAgAEAAYACAAKAA4ABoAIgA=";

    /// <summary><c>kubectl create job j1 --image=busybox -n ns1 -- echo hi</c> → <c>POST /apis/batch/v1/namespaces/ns1/jobs?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Job =
        "azhzAAoPCghiYXRjaC92MRIDSm9iEocBChUKAmoxEgAaA25zMSIAKgAyADgAQgASZDJiChAKABIAGgAiACoAMgA4AEIAEk4SKwoC" +
        "ajESB2J1c3lib3gaBGVjaG8aAmhpKgBCAGoAcgCAAQCIAQCQAQCiAQAaBU5ldmVyMgBCAEoAUgBYAGAAaACCAQCKAQCaAQDCAQAa" +
        "CCAAKAAwADoAGgAiAA==";

    /// <summary><c>kubectl create cronjob cj1 --image=busybox --schedule="*/5 * * * *" -n ns1 -- date</c> → <c>POST /apis/batch/v1/namespaces/ns1/cronjobs?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Cronjob =
        "azhzAAoTCghiYXRjaC92MRIHQ3JvbkpvYhKqAQoWCgNjajESABoDbnMxIgAqADIAOABCABKNAQoLKi81ICogKiAqICoaACp8ChMK" +
        "A2NqMRIAGgAiACoAMgA4AEIAEmUyYwoQCgASABoAIgAqADIAOABCABJPEigKA2NqMRIHYnVzeWJveBoEZGF0ZSoAQgBqAHIAgAEA" +
        "iAEAkAEAogEAGglPbkZhaWx1cmUyAEIASgBSAFgAYABoAIIBAIoBAJoBAMIBABoAGgAiAA==";

    /// <summary><c>kubectl create role r1 --verb=get --verb=list --resource=pods --resource=deployments.apps -n ns1</c> → <c>POST /apis/rbac.authorization.k8s.io/v1/namespaces/ns1/roles?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Role =
        "azhzAAokChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgRSb2xlEkwKFQoCcjESABoDbnMxIgAqADIAOABCABITCgNnZXQK" +
        "BGxpc3QSABoEcG9kcxIeCgNnZXQKBGxpc3QSBGFwcHMaC2RlcGxveW1lbnRzGgAiAA==";

    /// <summary><c>kubectl create clusterrole cr1 --verb=get --verb=list --resource=nodes,pods --resource-name=n1</c> → <c>POST /apis/rbac.authorization.k8s.io/v1/clusterroles?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Clusterrole =
        "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRI1ChMKA2NyMRIAGgAiACoAMgA4AEIAEh4K" +
        "A2dldAoEbGlzdBIAGgVub2RlcxoEcG9kcyICbjEaACIA";

    /// <summary><c>kubectl create clusterrole cr3 --verb=get --non-resource-url=/healthz --non-resource-url=/logs/*</c> → <c>POST /apis/rbac.authorization.k8s.io/v1/clusterroles?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string ClusterroleNr =
        "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRIvChMKA2NyMxIAGgAiACoAMgA4AEIAEhgK" +
        "A2dldCoIL2hlYWx0aHoqBy9sb2dzLyoaACIA";

    /// <summary><c>kubectl create clusterrole cr2 --aggregation-rule=rbac.example.com/aggregate=true</c> → <c>POST /apis/rbac.authorization.k8s.io/v1/clusterroles?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string ClusterroleAgg =
        "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtDbHVzdGVyUm9sZRI9ChMKA2NyMhIAGgAiACoAMgA4AEIAGiYK" +
        "JAoiChpyYmFjLmV4YW1wbGUuY29tL2FnZ3JlZ2F0ZRIEdHJ1ZRoAIgA=";

    /// <summary><c>kubectl create rolebinding rb1 --role=r1 --user=alice --serviceaccount=ns1:sa1 --group=devs -n ns1</c> → <c>POST /apis/rbac.authorization.k8s.io/v1/namespaces/ns1/rolebindings?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Rolebinding =
        "azhzAAorChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEgtSb2xlQmluZGluZxK1AQoWCgNyYjESABoDbnMxIgAqADIAOABC" +
        "ABIqCgRVc2VyEhlyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvGgVhbGljZSIAEioKBUdyb3VwEhlyYmFjLmF1dGhvcml6YXRpb24u" +
        "azhzLmlvGgRkZXZzIgASHAoOU2VydmljZUFjY291bnQSABoDc2ExIgNuczEaJQoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxIE" +
        "Um9sZRoCcjEaACIA";

    /// <summary><c>kubectl create clusterrolebinding crb1 --clusterrole=cr1 --user=bob</c> → <c>POST /apis/rbac.authorization.k8s.io/v1/clusterrolebindings?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Clusterrolebinding =
        "azhzAAoyChxyYmFjLmF1dGhvcml6YXRpb24uazhzLmlvL3YxEhJDbHVzdGVyUm9sZUJpbmRpbmcSbwoUCgRjcmIxEgAaACIAKgAy" +
        "ADgAQgASKAoEVXNlchIZcmJhYy5hdXRob3JpemF0aW9uLms4cy5pbxoDYm9iIgAaLQoZcmJhYy5hdXRob3JpemF0aW9uLms4cy5p" +
        "bxILQ2x1c3RlclJvbGUaA2NyMRoAIgA=";

    /// <summary><c>kubectl create ingress ing1 --class=nginx --rule="foo.com/bar*=svc1:8080,tls=my-cert" --rule="baz.com/=svc2:http" --default-backend=defsvc:80 -n ns1</c> → <c>POST /apis/networking.k8s.io/v1/namespaces/ns1/ingresses?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Ingress =
        "azhzAAofChRuZXR3b3JraW5nLms4cy5pby92MRIHSW5ncmVzcxKsAQoXCgRpbmcxEgAaA25zMSIAKgAyADgAQgASjAEKECIOCgZk" +
        "ZWZzdmMSBAoAEFASEgoHZm9vLmNvbRIHbXktY2VydBouCgdmb28uY29tEiMKIQofCgQvYmFyEg8iDQoEc3ZjMRIFCgAQkD8aBlBy" +
        "ZWZpeBotCgdiYXouY29tEiIKIAoeCgEvEhIiEAoEc3ZjMhIICgRodHRwEAAaBUV4YWN0IgVuZ2lueBoCCgAaACIA";

    /// <summary><c>kubectl create ingress ing2 --rule="/path=svc:80" --annotation=ingress.kubernetes.io/rewrite=/ -n ns1</c> → <c>POST /apis/networking.k8s.io/v1/namespaces/ns1/ingresses?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string IngressAnnot =
        "azhzAAofChRuZXR3b3JraW5nLms4cy5pby92MRIHSW5ncmVzcxJqCjsKBGluZzISABoDbnMxIgAqADIAOABCAGIiCh1pbmdyZXNz" +
        "Lmt1YmVybmV0ZXMuaW8vcmV3cml0ZRIBLxInGiUKABIhCh8KHQoFL3BhdGgSDSILCgNzdmMSBAoAEFAaBUV4YWN0GgIKABoAIgA=";

    /// <summary><c>kubectl create priorityclass high --value=1000 --description="high prio" --global-default=false --preemption-policy=Never</c> → <c>POST /apis/scheduling.k8s.io/v1/priorityclasses?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Priorityclass =
        "azhzAAolChRzY2hlZHVsaW5nLms4cy5pby92MRINUHJpb3JpdHlDbGFzcxItChQKBGhpZ2gSABoAIgAqADIAOABCABDoBxgAIglo" +
        "aWdoIHByaW8qBU5ldmVyGgAiAA==";

    /// <summary><c>kubectl create poddisruptionbudget pdb1 --selector=app=web --min-available=1 -n ns1</c> → <c>POST /apis/policy/v1/namespaces/ns1/poddisruptionbudgets?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Pdb =
        "azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSPQoXCgRwZGIxEgAaA25zMSIAKgAyADgAQgASFgoGCAAQARoA" +
        "EgwKCgoDYXBwEgN3ZWIaCggAGAAgACgAMAAaACIA";

    /// <summary><c>kubectl create pdb pdb2 --selector=app=web --max-unavailable=50% -n ns1</c> → <c>POST /apis/policy/v1/namespaces/ns1/poddisruptionbudgets?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string PdbMax =
        "azhzAAogCglwb2xpY3kvdjESE1BvZERpc3J1cHRpb25CdWRnZXQSQAoXCgRwZGIyEgAaA25zMSIAKgAyADgAQgASGRIMCgoKA2Fw" +
        "cBIDd2ViGgkIARAAGgM1MCUaCggAGAAgACgAMAAaACIA";

    /// <summary><c>kubectl create quota q1 --hard=cpu=1,memory=1Gi,pods=10 --scopes=BestEffort -n ns1</c> → <c>POST /api/v1/namespaces/ns1/resourcequotas?fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Quota =
        "azhzAAoTCgJ2MRINUmVzb3VyY2VRdW90YRJSChUKAnExEgAaA25zMSIAKgAyADgAQgASNwoKCgNjcHUSAwoBMQoPCgZtZW1vcnkS" +
        "BQoDMUdpCgwKBHBvZHMSBAoCMTASCkJlc3RFZmZvcnQaABoAIgA=";

    /// <summary><c>kubectl create token sa1 -n ns1</c> → <c>POST /api/v1/namespaces/ns1/serviceaccounts/sa1/token</c></summary>
    public const string Token =
        "azhzAAooChhhdXRoZW50aWNhdGlvbi5rOHMuaW8vdjESDFRva2VuUmVxdWVzdBIaChAKABIAGgAiACoAMgA4AEIAEgAaBAoAEgAa" +
        "ACIA";

    /// <summary><c>kubectl create namespace dr --dry-run=server</c> → <c>POST /api/v1/namespaces?dryRun=All&amp;fieldManager=kubectl-create&amp;fieldValidation=Strict</c></summary>
    public const string Dryrun = "azhzAAoPCgJ2MRIJTmFtZXNwYWNlEhoKEgoCZHISABoAIgAqADIAOABCABIAGgIKABoAIgA=";
}

namespace EdgeOrch.ApiServer.Protobuf;

/// <summary>core/v1 Volume and the volume sources pods use in practice (others are skipped and reported as unknown).</summary>
internal static class PodVolumeSchema
{
    public static void Register(SchemaBuilder b)
    {
        b.Message("Volume", "1 name s!; 2 - ^VolumeSource");
        b.Message("VolumeSource",
            "1 hostPath HostPathVolumeSource; 2 emptyDir EmptyDirVolumeSource; 6 secret SecretVolumeSource; " +
            "7 nfs NFSVolumeSource; 10 persistentVolumeClaim PersistentVolumeClaimVolumeSource; " +
            "16 downwardAPI DownwardAPIVolumeSource; 19 configMap ConfigMapVolumeSource; 26 projected ProjectedVolumeSource; " +
            "28 csi CSIVolumeSource; 29 ephemeral EphemeralVolumeSource; 30 image ImageVolumeSource");
        b.Message("HostPathVolumeSource", "1 path s!; 2 type s!");
        b.Message("EmptyDirVolumeSource", "1 medium s; 2 sizeLimit q");
        b.Message("SecretVolumeSource", "1 secretName s; 2 items []KeyToPath; 3 defaultMode i32!; 4 optional b!");
        b.Message("ConfigMapVolumeSource",
            "1 - ^LocalObjectReference; 2 items []KeyToPath; 3 defaultMode i32!; 4 optional b!");
        b.Message("KeyToPath", "1 key s!; 2 path s!; 3 mode i32!");
        b.Message("NFSVolumeSource", "1 server s!; 2 path s!; 3 readOnly b");
        b.Message("PersistentVolumeClaimVolumeSource", "1 claimName s!; 2 readOnly b");
        b.Message("DownwardAPIVolumeSource", "1 items []DownwardAPIVolumeFile; 2 defaultMode i32!");
        b.Message("DownwardAPIVolumeFile",
            "1 path s!; 2 fieldRef ObjectFieldSelector; 3 resourceFieldRef ResourceFieldSelector; 4 mode i32!");
        b.Message("ProjectedVolumeSource", "1 sources []VolumeProjection; 2 defaultMode i32!");
        b.Message("VolumeProjection",
            "1 secret SecretProjection; 2 downwardAPI DownwardAPIProjection; 3 configMap ConfigMapProjection; " +
            "4 serviceAccountToken ServiceAccountTokenProjection; 5 clusterTrustBundle ClusterTrustBundleProjection");
        b.Message("SecretProjection", "1 - ^LocalObjectReference; 2 items []KeyToPath; 4 optional b!");
        b.Message("ConfigMapProjection", "1 - ^LocalObjectReference; 2 items []KeyToPath; 4 optional b!");
        b.Message("DownwardAPIProjection", "1 items []DownwardAPIVolumeFile");
        b.Message("ServiceAccountTokenProjection", "1 audience s; 2 expirationSeconds i64!; 3 path s!");
        b.Message("ClusterTrustBundleProjection",
            "1 name s!; 2 signerName s!; 3 labelSelector LabelSelector; 4 path s!; 5 optional b!");
        b.Message("CSIVolumeSource",
            "1 driver s!; 2 readOnly b!; 3 fsType s!; 4 volumeAttributes map<s>; 5 nodePublishSecretRef LocalObjectReference");
        b.Message("ImageVolumeSource", "1 reference s; 2 pullPolicy s");
        // The ephemeral volume's claim template: only the commonly used claim-spec fields.
        b.Message("EphemeralVolumeSource", "1 volumeClaimTemplate PersistentVolumeClaimTemplate");
        b.Message("PersistentVolumeClaimTemplate", "1 metadata ObjectMeta; 2 spec PersistentVolumeClaimSpec");
        b.Message("PersistentVolumeClaimSpec",
            "1 accessModes []s; 2 resources VolumeResourceRequirements; 3 volumeName s; 4 selector LabelSelector; " +
            "5 storageClassName s!; 6 volumeMode s!; 7 dataSource TypedLocalObjectReference; 8 dataSourceRef TypedObjectReference; " +
            "9 volumeAttributesClassName s!");
        b.Message("TypedObjectReference", "1 apiGroup s!; 2 kind s!; 3 name s!; 4 namespace s!");
        b.Message("VolumeResourceRequirements", "1 limits map<q>; 2 requests map<q>");
    }
}

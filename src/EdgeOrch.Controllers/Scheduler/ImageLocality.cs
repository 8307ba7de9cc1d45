namespace EdgeOrch.Controllers.Scheduler;

/// <summary>
/// The ImageLocality score: nodes that already hold the pod's images score higher, scaled by how widely each image is
/// spread (so that one node holding an image does not attract every pod), clamped between Kubernetes' thresholds.
/// </summary>
internal static class ImageLocality
{
    private const long Mb = 1024 * 1024;
    private const long MinThreshold = 23 * Mb;
    private const long MaxContainerThreshold = 1000 * Mb;

    public static long Score(SchedulingPod pod, NodeInfo node, Func<string, int> nodesWithImage, int totalNodes)
    {
        if (pod.Images.Count == 0 || totalNodes == 0)
            return 0;
        long sum = 0;
        foreach (var image in pod.Images)
            if (node.Images.TryGetValue(image, out var size))
                sum += (long)(size * ((double)nodesWithImage(image) / totalNodes));
        var max = MaxContainerThreshold * pod.Images.Count;
        sum = Math.Clamp(sum, MinThreshold, max);
        return 100 * (sum - MinThreshold) / (max - MinThreshold);
    }
}

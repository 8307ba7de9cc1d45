namespace EdgeOrch.Controllers.Scheduler;

/// <summary>Image references compared the way image locality does: a name without tag or digest means ":latest".</summary>
internal static class ImageNames
{
    public static string Normalize(string image)
    {
        if (image.Contains('@'))
            return image;
        var lastSlash = image.LastIndexOf('/');
        return image.IndexOf(':', lastSlash + 1) >= 0 ? image : image + ":latest";
    }
}

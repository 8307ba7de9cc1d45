using System.Text.Json.Nodes;

namespace EdgeOrch.ApiServer.Tables;

/// <summary>
/// One meta.k8s.io TableColumnDefinition. kubectl shows priority 0 columns always and priority 1 only with -o wide;
/// it matches columns to cells by position, so every printer must emit cells in exactly this order.
/// </summary>
internal readonly record struct TableColumn(string Name, string Type, string Description, int Priority = 0, string Format = "")
{
    public JsonObject ToJson() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Description,
        ["priority"] = Priority,
    };

    // The columns most printers share. Descriptions are ours; kubectl never shows them.
    public static readonly TableColumn Name0 = new("Name", "string", "Name of the object, unique within its namespace.", 0, "name");
    public static readonly TableColumn Age = new("Age", "string", "Time since the object was created.");
    public static readonly TableColumn CreatedAt = new("Created At", "date", "When the object was created (RFC 3339, UTC).");
    public static readonly TableColumn WideContainers = new("Containers", "string", "Names of the containers in the pod template.", 1);
    public static readonly TableColumn WideImages = new("Images", "string", "Images of the containers in the pod template.", 1);
    public static readonly TableColumn WideSelector = new("Selector", "string", "Label selector of the pods this object manages.", 1);

    public static TableColumn Str(string name, string description, int priority = 0) => new(name, "string", description, priority);

    public static TableColumn Int(string name, string description, int priority = 0) => new(name, "integer", description, priority);
}

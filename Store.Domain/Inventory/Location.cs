namespace Store.Domain.Inventory;

public sealed class Location
{
    private Location()
    {
    }

    public Location(string code, string name, int priority)
    {
        Code = code;
        Name = name;
        Priority = priority;
    }

    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";

    /// <summary>Lower numbers are picked first when stock is taken.</summary>
    public int Priority { get; private set; }
}

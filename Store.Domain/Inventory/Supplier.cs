namespace Store.Domain.Inventory;

public sealed class Supplier
{
    private Supplier()
    {
    }

    public Supplier(string name, string email)
    {
        Name = name;
        Email = email;
    }

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";
}

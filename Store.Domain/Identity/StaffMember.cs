namespace Store.Domain.Identity;

/// <summary>A staff account as the staff rules see it: its role and whether it is disabled.</summary>
public sealed record StaffMember(string Id, string Email, StaffRole Role, bool Disabled);

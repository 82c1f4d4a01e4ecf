using Store.Domain.Identity;

namespace Store.Tests.Domain.Identity;

public class StaffRosterTests
{
    private static readonly StaffMember Owner = new("1", "owner@example.com", StaffRole.Admin, Disabled: false);

    [Fact]
    public void ChangeRole_WhenTheMemberIsTheLastActiveAdmin_IsRefused()
    {
        var result = StaffRoster.ChangeRole(Owner, StaffRole.Staff, activeAdmins: 1);

        Assert.Equal("staff.last-admin", result.Error?.Code);
    }

    [Fact]
    public void ChangeRole_WhenAnotherAdminIsActive_IsAllowed()
    {
        var result = StaffRoster.ChangeRole(Owner, StaffRole.Inventory, activeAdmins: 2);

        Assert.Equal(StaffRole.Inventory, result.Value);
    }

    [Fact]
    public void ChangeRole_WhenTheRoleIsTheSame_IsAConflict()
    {
        var result = StaffRoster.ChangeRole(Owner with { Role = StaffRole.Staff }, StaffRole.Staff, activeAdmins: 1);

        Assert.Equal("staff.same-role", result.Error?.Code);
    }

    [Fact]
    public void Disable_WhenTheMemberIsTheLastActiveAdmin_IsRefused()
    {
        Assert.Equal("staff.last-admin", StaffRoster.Disable(Owner, activeAdmins: 1).Error?.Code);
    }

    [Fact]
    public void Disable_WhenTheMemberIsNotAnAdmin_IsAllowedEvenWithOneAdmin()
    {
        Assert.True(StaffRoster.Disable(Owner with { Role = StaffRole.Staff }, activeAdmins: 1).IsSuccess);
    }

    [Fact]
    public void Enable_WhenTheMemberIsNotDisabled_IsAConflict()
    {
        Assert.Equal("staff.not-disabled", StaffRoster.Enable(Owner).Error?.Code);
        Assert.True(StaffRoster.Enable(Owner with { Disabled = true }).IsSuccess);
    }

    [Theory]
    [InlineData("admin", StaffRole.Admin)]
    [InlineData(" Inventory ", StaffRole.Inventory)]
    public void TryParseRole_WhenTheNameIsARole_ReadsIt(string name, StaffRole expected)
    {
        Assert.True(StaffRoster.TryParseRole(name, out var role));
        Assert.Equal(expected, role);
    }

    [Theory]
    [InlineData("Customer")]
    [InlineData("7")]
    [InlineData(null)]
    public void TryParseRole_WhenTheNameIsNoRole_IsFalse(string? name)
    {
        Assert.False(StaffRoster.TryParseRole(name, out _));
    }
}

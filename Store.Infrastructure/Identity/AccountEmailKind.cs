namespace Store.Infrastructure.Identity;

public enum AccountEmailKind
{
    /// <summary>Confirms the address the account has.</summary>
    ConfirmEmail,

    /// <summary>Confirms a new address before the account moves to it; sent to the new address.</summary>
    ChangeEmail,

    PasswordReset,

    /// <summary>Invites a new staff account to choose its password (a one-time link that expires).</summary>
    StaffInvite,

    /// <summary>Tells the current address that a move to another one was asked for; sent to the current address.</summary>
    EmailChangeNotice,
}

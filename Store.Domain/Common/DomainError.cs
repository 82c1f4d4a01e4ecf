namespace Store.Domain.Common;

/// <summary>An expected failure: a rule said no. Kind decides the HTTP status in one place (the web layer).</summary>
public sealed record DomainError(string Code, string Message, ErrorKind Kind = ErrorKind.Invalid)
{
    public static DomainError NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);
    public static DomainError Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);
    public static DomainError Invalid(string code, string message) => new(code, message, ErrorKind.Invalid);

    /// <summary>The request itself cannot be read or trusted (a forged webhook signature).</summary>
    public static DomainError BadRequest(string code, string message) => new(code, message, ErrorKind.BadRequest);

    /// <summary>An outside service (the payment provider) failed or could not be reached; nothing was changed.</summary>
    public static DomainError Unavailable(string code, string message) => new(code, message, ErrorKind.Unavailable);
}

public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Forbidden,
    BadRequest,
    Unavailable,
}

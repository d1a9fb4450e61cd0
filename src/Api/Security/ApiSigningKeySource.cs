namespace OrleansSync.Api.Security;

/// <summary>Where the key that signs and validates bearer tokens came from.</summary>
public enum ApiSigningKeySource
{
    /// <summary>Api:Jwt:SigningKey: production, and any deployment with more than one API process.</summary>
    Configured,

    /// <summary>No key configured (the default run): generated once and kept in {Silo:DataDirectory}/jwt-signing-key.</summary>
    Generated,

    /// <summary>No key configured in the Testing environment: random per process and never written anywhere.</summary>
    Ephemeral,
}

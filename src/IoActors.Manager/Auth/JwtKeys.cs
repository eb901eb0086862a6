using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace IoActors.Manager.Auth;

/// <summary>Reads the signing keys of <c>manager.auth.jwt.signingKeys</c>: a PEM RSA or EC public key, or a base64 HMAC secret of at least 32 bytes.</summary>
internal static class JwtKeys
{
    /// <summary>Why the text is not a usable key, or <see langword="null"/> when it is.</summary>
    public static string? Describe(string? text)
    {
        try
        {
            _ = Parse(text);
            return null;
        }
        catch (FormatException e)
        {
            return e.Message;
        }
    }

    /// <summary>The key.</summary>
    /// <exception cref="FormatException">The text is not a key; the message says why.</exception>
    public static SecurityKey Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new FormatException("the value is empty; a PEM public key or a base64 HMAC secret is required");
        }

        var trimmed = text.Trim();
        if (trimmed.StartsWith("-----BEGIN", StringComparison.Ordinal))
        {
            try
            {
                if (trimmed.Contains("PRIVATE KEY", StringComparison.Ordinal))
                {
                    throw new FormatException("a private key was given; configure the issuer's public key");
                }

                if (trimmed.Contains("BEGIN EC ", StringComparison.Ordinal) || TryEc(trimmed) is not null)
                {
                    var ec = ECDsa.Create();
                    ec.ImportFromPem(trimmed);
                    return new ECDsaSecurityKey(ec);
                }

                var rsa = RSA.Create();
                rsa.ImportFromPem(trimmed);
                return new RsaSecurityKey(rsa);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException)
            {
                throw new FormatException($"not a PEM RSA or EC public key ({e.Message})");
            }
        }

        byte[] secret;
        try
        {
            secret = Convert.FromBase64String(trimmed);
        }
        catch (FormatException)
        {
            throw new FormatException("neither a PEM public key nor base64 text");
        }

        return secret.Length >= 32
            ? new SymmetricSecurityKey(secret)
            : throw new FormatException($"an HMAC secret of {secret.Length} bytes; at least 32 are required");
    }

    private static ECDsa? TryEc(string pem)
    {
        try
        {
            var ec = ECDsa.Create();
            ec.ImportFromPem(pem);
            return ec;
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException)
        {
            return null;
        }
    }
}

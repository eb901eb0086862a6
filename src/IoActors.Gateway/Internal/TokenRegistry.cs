using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace IoActors.Gateway.Internal;

/// <summary>Gateway tokens issued to instances the platform starts.</summary>
internal sealed class TokenRegistry
{
    private readonly ConcurrentDictionary<string, (string InstanceId, string Application)> _tokens = new(StringComparer.Ordinal);

    public string Issue(string instanceId, string applicationName)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(applicationName);
        var token = Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        _tokens[token] = (instanceId, applicationName);
        return token;
    }

    public bool TryValidate(string? token, out string instanceId, out string application)
    {
        if (token is not null && _tokens.TryGetValue(token, out var grant))
        {
            (instanceId, application) = grant;
            return true;
        }

        instanceId = "";
        application = "";
        return false;
    }

    public void Revoke(string instanceId)
    {
        foreach (var pair in _tokens)
        {
            if (pair.Value.InstanceId == instanceId)
            {
                _tokens.TryRemove(pair.Key, out _);
            }
        }
    }
}

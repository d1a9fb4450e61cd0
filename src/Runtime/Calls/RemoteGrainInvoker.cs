using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using OrleansSync.Runtime.Cluster;
using OrleansSync.Runtime.Hosting;

namespace OrleansSync.Runtime.Calls;

/// <summary>
/// Sends a grain call to the silo that owns its partition, over HTTP with the cluster secret.
/// A silo that answers "not owner", or that cannot be reached (it died; its leases have not expired
/// yet), makes the router look again after refreshing the directory. Grain exceptions are rethrown
/// as their original type when this process knows it (so callers behave the same wherever the
/// grain lives), else as <see cref="RemoteGrainException"/> with the type name.
/// </summary>
internal sealed class RemoteGrainInvoker(SiloRuntime runtime, PartitionDirectory directory, IHttpClientFactory httpClients) : IRemoteGrainInvoker
{
    public const string HttpClientName = "orleanssync-cluster";
    public const string SecretHeader = "X-Cluster-Secret";

    private readonly ConcurrentDictionary<int, bool> _stale = new();

    public async Task<RemoteAnswer?> TryInvokeAsync(GrainId grain, int partition, GrainMethod method, object?[] arguments, RequestContext context, CancellationToken cancellationToken)
    {
        var owner = await directory.OwnerOfAsync(partition, _stale.TryRemove(partition, out _), cancellationToken);
        if (owner?.Address is null || owner.SiloId == runtime.Silo.Id)
        {
            // Nobody serves it, or the directory says we do while we do not (a hand-over in progress).
            _stale[partition] = true;
            return null;
        }

        var request = new RemoteCallRequest(
            grain.Type,
            grain.Key,
            GrainMethodDirectory.NameOf(method.Method),
            [.. arguments.Select((argument, i) => JsonSerializer.SerializeToElement(argument, method.ParameterTypes[i], RuntimeJson.Options))],
            [.. context.CallChain.Take(context.CallChain.Length - 1).Select(id => id.ToString())]);

        RemoteCallResponse? response;
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(owner.Address), ClusterEndpoints.CallsPath))
            {
                Content = JsonContent.Create(request, options: RuntimeJson.Options),
            };
            message.Headers.Add(SecretHeader, runtime.Options.ClusterSecret);
            using var answer = await httpClients.CreateClient(HttpClientName).SendAsync(message, cancellationToken);
            if (answer.StatusCode is HttpStatusCode.Unauthorized)
            {
                throw new InvalidOperationException($"Silo {owner.SiloId} at {owner.Address} refused the cluster secret; every silo of a cluster needs the same Runtime:ClusterSecret.");
            }

            if (answer.StatusCode is HttpStatusCode.ServiceUnavailable)
            {
                _stale[partition] = true;
                return null;
            }

            answer.EnsureSuccessStatusCode();
            response = await answer.Content.ReadFromJsonAsync<RemoteCallResponse>(RuntimeJson.Options, cancellationToken);
        }
        catch (HttpRequestException exception) when (exception.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
        {
            // The owner is gone and the request never reached it: safe to route again once its lease moves.
            runtime.Logger.LogDebug("Silo {SiloId} at {Address} is unreachable; re-routing partition {Partition}", owner.SiloId, owner.Address, partition);
            _stale[partition] = true;
            return null;
        }

        if (response is null || response.NotOwner)
        {
            _stale[partition] = true;
            return null;
        }

        if (response.ErrorType is not null)
        {
            throw Rehydrate(response.ErrorType, response.ErrorMessage ?? "");
        }

        return new RemoteAnswer(method.ResultType == typeof(void) || response.Result is not { } result
            ? null
            : result.Deserialize(method.ResultType, RuntimeJson.Options));
    }

    private static Exception Rehydrate(string typeName, string message)
    {
        var type = AppDomain.CurrentDomain.GetAssemblies()
            .Select(assembly => assembly.GetType(typeName, throwOnError: false))
            .FirstOrDefault(t => t is not null && typeof(Exception).IsAssignableFrom(t));
        if (type?.GetConstructor(BindingFlags.Public | BindingFlags.Instance, [typeof(string)]) is { } constructor)
        {
            try
            {
                return (Exception)constructor.Invoke([message]);
            }
            catch (TargetInvocationException)
            {
                // Fall through: not every exception's string constructor takes a plain message.
            }
        }

        return new RemoteGrainException(typeName, message);
    }
}

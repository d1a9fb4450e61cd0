namespace OrleansSync.Runtime.Tests.TestGrains;

public sealed class OutboxGrain : Grain, IOutboxGrain
{
    async Task IOutboxGrain.PublishAsync(string messageId, int sequence, bool commit)
    {
        await using var unitOfWork = await BeginUnitOfWorkAsync();
        unitOfWork.Publish(RecorderGrain.Namespace, GrainId.Key, messageId, new TestMessage(sequence));
        if (commit)
        {
            await unitOfWork.CommitAsync();
        }
    }
}

namespace Green.Tests;

/// <summary>GreenChannel under many producers.</summary>
public sealed class GreenChannelTests : RuntimeTest
{

    [Fact]
    public void Channel_ManyProducers_OneConsumer_NothingLostNothingDuplicated()
    {
        var rt = StartRuntime(new GreenRuntimeOptions { WorkerCount = 2 });
        const int producers = 4;
        const int perProducer = 50_000;
        var channel = new GreenChannel<int>();
        var consumer = rt.Spawn(async () =>
        {
            var seen = new bool[producers * perProducer];
            for (var i = 0; i < seen.Length; i++)
            {
                var v = await channel.ReceiveAsync();
                Assert.False(seen[v]);
                seen[v] = true;
            }

            return seen.All(x => x);
        });
        var greenProducers = Enumerable.Range(0, producers / 2).Select(p => rt.Spawn(async () =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                channel.Send((p * perProducer) + i);
                if (i % 100 == 0)
                {
                    await GreenUnit.Yield();
                }
            }
        })).ToList();
        var threads = Enumerable.Range(producers / 2, producers / 2).Select(p => new Thread(() =>
        {
            for (var i = 0; i < perProducer; i++)
            {
                channel.Send((p * perProducer) + i);
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        Bounded.Join(consumer, Bounded.Long);
        Assert.True(consumer.Result);
        greenProducers.ForEach(h => Bounded.Join(h, Bounded.Short));
        threads.ForEach(t => t.Join());
    }
}

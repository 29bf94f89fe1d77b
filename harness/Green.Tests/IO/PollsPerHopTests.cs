using System.Runtime.CompilerServices;

namespace Green.Tests.IO;

/// <summary>How many polls one hop of a brigade costs: a unit woken by readiness must resume its whole await chain
/// (link read -> fd read -> readiness) in one poll, through its own slot, not through posts.</summary>
public sealed class PollsPerHopTests : RuntimeTest
{
    private const int Units = 8;
    private const int Rounds = 200;

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void BrigadeHop_OverNestedPooledReads_CostsOnePoll(int workers)
    {
        var runtime = StartRuntime(new GreenRuntimeOptions { WorkerCount = workers });
        var links = Enumerable.Range(0, Units).Select(_ => new ByteLink(runtime)).ToArray();
        try
        {
            var units = new GreenUnit[Units];
            for (var i = 0; i < Units; i++)
            {
                var input = links[i];
                var output = links[(i + 1) % Units];
                var first = i == 0;
                units[i] = runtime.Spawn(async () =>
                {
                    for (var round = 0; round < Rounds; round++)
                    {
                        if (first)
                        {
                            await output.WriteByteAsync(1);
                            await input.ReadByteAsync();
                        }
                        else
                        {
                            var value = await input.ReadByteAsync();
                            await output.WriteByteAsync(value);
                        }
                    }
                });
            }

            var polls = runtime.GetCounters().Polls;
            foreach (var unit in units)
            {
                Bounded.Join(unit, Bounded.Short);
            }

            var counters = runtime.GetCounters();
            var hops = (double)Units * Rounds;
            var pollsPerHop = (counters.Polls - polls) / hops;
            Assert.Equal(0, counters.PostsRunOffUnit);
            Assert.Equal(0, counters.PostsQueued);
            Assert.True(pollsPerHop < 1.1, $"{pollsPerHop:F2} polls per hop (target 1)");
        }
        finally
        {
            foreach (var link in links)
            {
                link.Dispose();
            }
        }
    }

    /// <summary>The harness's link shape (GreenModel.ReactorLink): pooled async methods over an AsyncFd pipe.</summary>
    private sealed class ByteLink : IDisposable
    {
        private readonly AsyncFd _reader;
        private readonly AsyncFd _writer;
        private readonly byte[] _readBuffer = new byte[1];
        private readonly byte[] _writeBuffer = new byte[1];

        public ByteLink(GreenRuntime runtime) => (_reader, _writer) = AsyncFd.CreatePipe(runtime);

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
        public async ValueTask WriteByteAsync(byte value)
        {
            _writeBuffer[0] = value;
            var written = await _writer.WriteAsync(_writeBuffer);
            Assert.Equal(1, written);
        }

        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        public async ValueTask<byte> ReadByteAsync()
        {
            var read = await _reader.ReadAsync(_readBuffer);
            return read == 1 ? _readBuffer[0] : throw new EndOfStreamException();
        }

        public void Dispose()
        {
            _reader.Dispose();
            _writer.Dispose();
        }
    }
}

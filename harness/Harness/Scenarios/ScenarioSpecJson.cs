using System.Text;
using System.Text.Json;
using Harness.Models;
using Harness.Workloads;

namespace Harness.Scenarios;

/// <summary>
/// A <see cref="ScenarioSpec"/> as the flat JSON object a scenario child receives (<c>--spec JSON</c>, protocol
/// version 2, peers/PROTOCOL.md): the common keys, then the shape's own. Parsing is strict, as the protocol asks of
/// every child: an unknown key, a missing key, a value of the wrong type or out of range, an unknown shape or model,
/// or another protocol version is a <see cref="BadSpecException"/> naming it.
/// </summary>
public static class ScenarioSpecJson
{
    /// <summary>The child protocol version this code speaks.</summary>
    public const int ProtocolVersion = 2;

    public static string Serialize(ScenarioSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("protocol", ProtocolVersion);
            json.WriteString("metric", spec.Metric);
            json.WriteString("model", spec.Model);
            json.WriteString("shape", spec.Shape);
            json.WriteBoolean("pinned", spec.Pinned);
            json.WriteNumber("warmup", spec.Warmup);
            json.WriteNumber("warmup_ms", spec.WarmupMilliseconds);
            json.WriteNumber("samples", spec.Samples);
            foreach ((string key, object value) in spec.ShapeFields)
            {
                if (value is int number) json.WriteNumber(key, number);
                else json.WriteString(key, (string)value);
            }
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Parses a spec for a child that runs <paramref name="models"/>.</summary>
    public static ScenarioSpec Parse(string text, IReadOnlyList<string> models)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(models);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            throw new BadSpecException($"not JSON: {e.Message}");
        }
        using (document)
        {
            var fields = new Fields(document.RootElement);
            int protocol = fields.Int("protocol", 0, int.MaxValue);
            if (protocol != ProtocolVersion)
                throw new BadSpecException($"protocol {protocol} is not supported; this child speaks protocol {ProtocolVersion}");
            string metric = fields.OneOf("metric", MetricIds.All);
            string model = fields.OneOf("model", models);
            string shape = fields.OneOf("shape", Shapes.Of(metric));
            ScenarioSpec spec = ShapeOf(shape, model, fields) with
            {
                Pinned = fields.Bool("pinned"),
                Warmup = fields.Int("warmup", 0, 1_000),
                WarmupMilliseconds = fields.Int("warmup_ms", 0, 3_600_000),
                Samples = fields.Int("samples", 1, 100_000),
            };
            fields.RequireAllRead();
            return spec;
        }
    }

    private static ScenarioSpec ShapeOf(string shape, string model, Fields fields) => shape switch
    {
        Shapes.SpawnJoin => new CreationSpec
        {
            Model = model,
            Units = fields.Int("units", 1, 10_000_000),
            IdleRuns = fields.Int("idle_runs", 1, 100_000),
            IdlePauseMicroseconds = fields.Int("idle_pause_us", 0, 10_000_000),
        },
        Shapes.Brigade or Shapes.BrigadePipe or Shapes.BrigadeMemory => new BrigadeSpec
        {
            Model = model,
            Transport = Shapes.TransportOf(shape),
            Units = fields.Int("units", 1, 100_000),
            Rounds = fields.Int("rounds", 1, 100_000_000),
        },
        Shapes.PingPong => new PingPongSpec { Model = model, RoundTrips = fields.Int("round_trips", 1, 100_000_000) },
        Shapes.Yield => new YieldSpec { Model = model, Units = fields.Int("units", 1, 1_000_000), Yields = fields.Int("yields", 1, 100_000_000) },
        Shapes.Parked or Shapes.ParkedTouch or Shapes.ParkedSmallStack or Shapes.ParkedDefaultStack => Parked(shape, model, fields),
        _ => new StallSpec
        {
            Model = model,
            StallShape = shape,
            Probes = fields.Int("probes", 1, 64),
            Offenders = fields.Int("offenders", 1, 100_000),
            Block = fields.Member<BlockKind>("block"),
            HoldMicroseconds = fields.Int("hold_us", 1, 60_000_000),
            WindowMilliseconds = fields.Int("window_ms", 2, 3_600_000),
            TickMicroseconds = fields.Int("tick_us", 1, 1_000_000),
        },
    };

    /// <summary>The parked shapes' fields must say what the shape says (touch for parked-touch, a stack for small-stack).</summary>
    private static ParkedSpec Parked(string shape, string model, Fields fields)
    {
        var spec = new ParkedSpec
        {
            Model = model,
            Units = fields.Int("units", 1, 10_000_000),
            TouchBytes = fields.Int("touch_bytes", 0, 1 << 20),
            StackBytes = fields.Int("stack_bytes", 0, 1 << 30),
        };
        if (spec.TouchBytes is not (0 or ParkedUnits.TouchedStateBytes))
            throw new BadSpecException($"touch_bytes must be 0 or {ParkedUnits.TouchedStateBytes}, got {spec.TouchBytes}");
        return spec.Shape == shape
            ? spec
            : throw new BadSpecException($"touch_bytes {spec.TouchBytes} and stack_bytes {spec.StackBytes} make shape {spec.Shape}, not {shape}");
    }

    /// <summary>The object's keys, read at most once each, so that a key no shape reads is found at the end.</summary>
    private sealed class Fields
    {
        private readonly Dictionary<string, JsonElement> _values = new(StringComparer.Ordinal);

        public Fields(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object) throw new BadSpecException($"expected a JSON object, got {root.ValueKind}");
            foreach (JsonProperty property in root.EnumerateObject())
            {
                if (!_values.TryAdd(property.Name, property.Value)) throw new BadSpecException($"key '{property.Name}' given twice");
            }
        }

        private JsonElement Take(string key, JsonValueKind kind, string what)
        {
            if (!_values.Remove(key, out JsonElement value)) throw new BadSpecException($"missing key '{key}'");
            return value.ValueKind == kind ? value : throw new BadSpecException($"'{key}' must be {what}, got {value.ValueKind}");
        }

        public int Int(string key, int min, int max)
        {
            JsonElement value = Take(key, JsonValueKind.Number, "an integer");
            if (!value.TryGetInt32(out int number)) throw new BadSpecException($"'{key}' must be an integer, got {value.GetRawText()}");
            return number >= min && number <= max ? number : throw new BadSpecException($"'{key}' is {number}, outside {min}..{max}");
        }

        public bool Bool(string key)
        {
            if (!_values.Remove(key, out JsonElement value)) throw new BadSpecException($"missing key '{key}'");
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw new BadSpecException($"'{key}' must be true or false, got {value.ValueKind}"),
            };
        }

        public string OneOf(string key, IReadOnlyList<string> valid)
        {
            string text = Take(key, JsonValueKind.String, "a string").GetString()!;
            return valid.Contains(text) ? text : throw new BadSpecException($"unknown {key} '{text}'; valid: {string.Join(", ", valid)}");
        }

        /// <summary>The identity enum member whose id the string at <paramref name="key"/> is (see <see cref="Ids"/>).</summary>
        public T Member<T>(string key)
            where T : struct, Enum
        {
            string text = Take(key, JsonValueKind.String, "a string").GetString()!;
            return Ids.TryParse(text, out T member) ? member : throw new BadSpecException(Ids.Refusal<T>(text));
        }

        public void RequireAllRead()
        {
            if (_values.Count > 0) throw new BadSpecException($"unknown key(s) for this shape: {string.Join(", ", _values.Keys)}");
        }
    }
}

/// <summary>A scenario spec the child cannot run as given (protocol: <c>BENCH-FAILURE bad spec: ...</c>, exit 2).</summary>
public sealed class BadSpecException(string message) : Exception(message);

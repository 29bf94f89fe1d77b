using System.Collections.Frozen;
using System.Reflection;

namespace Harness;

/// <summary>
/// The one mapping between an identity enum's members (<see cref="Workloads.BlockKind"/>, ...) and the ids that
/// results.csv, samples.csv, run.json, the command line and the child protocol (peers/PROTOCOL.md) carry. A member's id
/// is its name in kebab-case (<c>SpawnJoin</c>: <c>spawn-join</c>) unless an <see cref="IdAttribute"/> gives another:
/// ids are what published runs were written with, so a member may be renamed but its id never changes. An unknown id is
/// refused with one line that names the kind and the valid ids.
/// </summary>
public static class Ids
{
    /// <summary>The id of <paramref name="member"/>, as files and the child protocol carry it.</summary>
    public static string Id<T>(this T member)
        where T : struct, Enum =>
        Table<T>.IdOf.TryGetValue(member, out string? id) ? id : throw new ArgumentOutOfRangeException(nameof(member), member, $"not a {Table<T>.Kind}");

    /// <summary>Every id of <typeparamref name="T"/>, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>()
        where T : struct, Enum => Table<T>.Ids;

    /// <summary>The member whose id is <paramref name="id"/>, if any.</summary>
    public static bool TryParse<T>(string id, out T member)
        where T : struct, Enum => Table<T>.MemberOf.TryGetValue(id, out member);

    /// <summary>The member whose id is <paramref name="id"/>; an unknown id is an <see cref="ArgumentException"/> (see <see cref="Refusal{T}"/>).</summary>
    public static T Parse<T>(string id)
        where T : struct, Enum => TryParse(id, out T member) ? member : throw new ArgumentException(Refusal<T>(id), nameof(id));

    /// <summary>The one line that refuses an unknown id: <c>unknown block kind 'nap'; valid: sleep, spin, wait</c>.</summary>
    public static string Refusal<T>(string id)
        where T : struct, Enum => $"unknown {Table<T>.Kind} '{id}'; valid: {string.Join(", ", Table<T>.Ids)}";

    /// <summary>A name in kebab-case: a hyphen before every capital but the first, all lower case.</summary>
    internal static string KebabCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "-" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));

    /// <summary>The ids of one enum, computed once from its members and their attributes.</summary>
    private static class Table<T>
        where T : struct, Enum
    {
        /// <summary>What the enum identifies, in words, for refusals: <c>BlockKind</c> is "block kind".</summary>
        public static readonly string Kind = KebabCase(typeof(T).Name).Replace('-', ' ');

        public static readonly IReadOnlyList<string> Ids;
        public static readonly FrozenDictionary<T, string> IdOf;
        public static readonly FrozenDictionary<string, T> MemberOf;

        static Table()
        {
            FieldInfo[] fields = typeof(T).GetFields(BindingFlags.Public | BindingFlags.Static);
            var pairs = fields.Select(f => ((T)f.GetValue(null)!, f.GetCustomAttribute<IdAttribute>()?.Value ?? KebabCase(f.Name))).ToList();
            Ids = pairs.Select(p => p.Item2).ToArray();
            IdOf = pairs.ToFrozenDictionary(p => p.Item1, p => p.Item2);
            MemberOf = pairs.ToFrozenDictionary(p => p.Item2, p => p.Item1, StringComparer.Ordinal);
        }
    }
}

/// <summary>The id of an identity enum's member where its kebab-cased name is not it (see <see cref="Ids"/>).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class IdAttribute(string value) : Attribute
{
    public string Value { get; } = value;
}

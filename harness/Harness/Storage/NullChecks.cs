using System.Collections;
using System.Reflection;

namespace Harness.Storage;

/// <summary>
/// JSON can say null, or leave a field out, where the C# record says a value is never null: System.Text.Json fills
/// such a property with null anyway. Every record read from a run's JSON files is checked here, through the
/// properties' nullability annotations, so a null becomes one line naming the field instead of a crash later.
/// </summary>
public static class NullChecks
{
    /// <summary>The first non-nullable property (or element of a non-nullable list) that holds null, or null.</summary>
    public static string? FirstViolation(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var context = new NullabilityInfoContext();
        foreach (PropertyInfo property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || !property.CanWrite || property.PropertyType.IsValueType) continue;
            NullabilityInfo nullability = context.Create(property);
            object? held = property.GetValue(value);
            if (held is null)
            {
                if (nullability.ReadState == NullabilityState.NotNull) return $"{property.Name} is missing or null";
                continue;
            }
            if (held is IEnumerable items and not string && nullability.GenericTypeArguments is [{ ReadState: NullabilityState.NotNull }])
            {
                if (items.Cast<object?>().Any(item => item is null)) return $"{property.Name} holds a null";
            }
        }
        return null;
    }
}

using System.ComponentModel;
using System.Globalization;

namespace IoActors.Hocon.Units;

/// <summary>Lets the configuration binder turn strings such as <c>60s</c> into <see cref="HoconDuration"/>.</summary>
internal sealed class HoconDurationTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? HoconDuration.TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error)
            : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is HoconDuration duration ? duration.Text : base.ConvertTo(context, culture, value, destinationType);
}

using System.ComponentModel;
using System.Globalization;

namespace IoActors.Hocon.Units;

/// <summary>Lets the configuration binder turn strings such as <c>10MB</c> into <see cref="HoconByteSize"/>.</summary>
internal sealed class HoconByteSizeTypeConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string text
            ? HoconByteSize.TryParse(text, out var size, out var error) ? size : throw new FormatException(error)
            : base.ConvertFrom(context, culture, value);

    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType) =>
        destinationType == typeof(string) && value is HoconByteSize size ? size.Text : base.ConvertTo(context, culture, value, destinationType);
}

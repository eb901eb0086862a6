using System.Buffers.Binary;
using System.Numerics;

namespace IoActors.Apps.Definitions;

/// <summary>The XXH64 hash (seed 0), written from the published algorithm description; fast and well distributed, not cryptographic.</summary>
internal static class XxHash64
{
    private const ulong P1 = 0x9E3779B185EBCA87UL;
    private const ulong P2 = 0xC2B2AE3D27D4EB4FUL;
    private const ulong P3 = 0x165667B19E3779F9UL;
    private const ulong P4 = 0x85EBCA77C2B2AE63UL;
    private const ulong P5 = 0x27D4EB2F165667C5UL;

    public static ulong Hash(ReadOnlySpan<byte> data, ulong seed = 0)
    {
        var length = data.Length;
        ulong h;
        var offset = 0;
        if (length >= 32)
        {
            var v1 = seed + P1 + P2;
            var v2 = seed + P2;
            var v3 = seed;
            var v4 = seed - P1;
            var limit = length - 32;
            for (; offset <= limit; offset += 32)
            {
                v1 = Round(v1, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset)));
                v2 = Round(v2, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset + 8)));
                v3 = Round(v3, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset + 16)));
                v4 = Round(v4, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset + 24)));
            }

            h = BitOperations.RotateLeft(v1, 1) + BitOperations.RotateLeft(v2, 7) + BitOperations.RotateLeft(v3, 12) + BitOperations.RotateLeft(v4, 18);
            h = Merge(h, v1);
            h = Merge(h, v2);
            h = Merge(h, v3);
            h = Merge(h, v4);
        }
        else
        {
            h = seed + P5;
        }

        h += (ulong)length;
        for (; offset + 8 <= length; offset += 8)
        {
            h ^= Round(0, BinaryPrimitives.ReadUInt64LittleEndian(data.Slice(offset)));
            h = (BitOperations.RotateLeft(h, 27) * P1) + P4;
        }

        if (offset + 4 <= length)
        {
            h ^= BinaryPrimitives.ReadUInt32LittleEndian(data.Slice(offset)) * P1;
            h = (BitOperations.RotateLeft(h, 23) * P2) + P3;
            offset += 4;
        }

        for (; offset < length; offset++)
        {
            h ^= data[offset] * P5;
            h = BitOperations.RotateLeft(h, 11) * P1;
        }

        h ^= h >> 33;
        h *= P2;
        h ^= h >> 29;
        h *= P3;
        h ^= h >> 32;
        return h;
    }

    private static ulong Round(ulong acc, ulong input)
    {
        acc += input * P2;
        acc = BitOperations.RotateLeft(acc, 31);
        return acc * P1;
    }

    private static ulong Merge(ulong acc, ulong value)
    {
        acc ^= Round(0, value);
        return (acc * P1) + P4;
    }
}

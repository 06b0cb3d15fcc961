using System.Buffers;
using System.Text;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>A growable byte buffer rented from the shared pool, so building canonical text allocates nothing.</summary>
internal ref struct PooledByteBuffer
{
    private byte[] _array;
    private int _length;

    public PooledByteBuffer(int initialCapacity)
    {
        _array = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _array.AsSpan(0, _length);

    public readonly int Length => _length;

    /// <summary>The rented array behind <see cref="Written"/>; valid until the next append or dispose.</summary>
    public readonly byte[] UnderlyingArray => _array;

    public void Append(byte value)
    {
        if (_length == _array.Length)
        {
            Grow(1);
        }
        _array[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _array.Length)
        {
            Grow(bytes.Length);
        }
        bytes.CopyTo(_array.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>Appends text as UTF-8.</summary>
    public void Append(scoped ReadOnlySpan<char> text)
    {
        // Nearly all SigV4 text is ASCII: narrow it directly, and transcode only what is not.
        if (_length + text.Length <= _array.Length
            && Ascii.FromUtf16(text, _array.AsSpan(_length, text.Length), out var narrowed) == System.Buffers.OperationStatus.Done)
        {
            _length += narrowed;
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_length + max > _array.Length)
        {
            Grow(max);
        }
        _length += Encoding.UTF8.GetBytes(text, _array.AsSpan(_length));
    }

    /// <summary>Appends <c>%XX</c> with upper-case hex, as SigV4 requires.</summary>
    public void AppendPercentEncoded(byte value)
    {
        if (_length + 3 > _array.Length)
        {
            Grow(3);
        }
        _array[_length] = (byte)'%';
        _array[_length + 1] = (byte)"0123456789ABCDEF"[value >> 4];
        _array[_length + 2] = (byte)"0123456789ABCDEF"[value & 0xF];
        _length += 3;
    }

    public void Dispose()
    {
        var array = _array;
        _array = [];
        _length = 0;
        if (array.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(array);
        }
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_array.Length * 2, _length + needed));
        _array.AsSpan(0, _length).CopyTo(next);
        ArrayPool<byte>.Shared.Return(_array);
        _array = next;
    }
}

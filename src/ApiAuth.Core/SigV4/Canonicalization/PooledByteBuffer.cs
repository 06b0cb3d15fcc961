using System.Buffers;
using System.Text;

namespace ApiAuth.SigV4.Canonicalization;

/// <summary>
/// A growable byte buffer that starts in caller-provided (usually stack) memory and moves to an array rented from the
/// shared pool only when that is too small, so building canonical text allocates nothing.
/// </summary>
internal ref struct PooledByteBuffer
{
    private Span<byte> _span;
    private byte[]? _rented;
    private int _length;

    public PooledByteBuffer(int initialCapacity)
    {
        _rented = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));
        _span = _rented;
        _length = 0;
    }

    /// <summary>Starts in <paramref name="initial"/>: a typical canonical request fits a few hundred stack bytes.</summary>
    public PooledByteBuffer(Span<byte> initial)
    {
        _span = initial;
        _rented = null;
        _length = 0;
    }

    public readonly ReadOnlySpan<byte> Written => _span[.._length];

    public readonly int Length => _length;

    public void Append(byte value)
    {
        if (_length == _span.Length)
        {
            Grow(1);
        }
        _span[_length++] = value;
    }

    public void Append(scoped ReadOnlySpan<byte> bytes)
    {
        if (_length + bytes.Length > _span.Length)
        {
            Grow(bytes.Length);
        }
        bytes.CopyTo(_span[_length..]);
        _length += bytes.Length;
    }

    /// <summary>Appends text as UTF-8.</summary>
    public void Append(scoped ReadOnlySpan<char> text)
    {
        // Nearly all SigV4 text is ASCII: narrow it directly, and transcode only what is not.
        if (_length + text.Length <= _span.Length
            && Ascii.FromUtf16(text, _span.Slice(_length, text.Length), out var narrowed) == OperationStatus.Done)
        {
            _length += narrowed;
            return;
        }
        var max = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (_length + max > _span.Length)
        {
            Grow(max);
        }
        _length += Encoding.UTF8.GetBytes(text, _span[_length..]);
    }

    /// <summary>Appends <c>%XX</c> with upper-case hex, as SigV4 requires.</summary>
    public void AppendPercentEncoded(byte value)
    {
        if (_length + 3 > _span.Length)
        {
            Grow(3);
        }
        _span[_length] = (byte)'%';
        _span[_length + 1] = (byte)"0123456789ABCDEF"[value >> 4];
        _span[_length + 2] = (byte)"0123456789ABCDEF"[value & 0xF];
        _length += 3;
    }

    public void Dispose()
    {
        var rented = _rented;
        _rented = null;
        _span = default;
        _length = 0;
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private void Grow(int needed)
    {
        var next = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Max(_span.Length * 2, 256), _length + needed));
        _span[.._length].CopyTo(next);
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
        _rented = next;
        _span = next;
    }
}

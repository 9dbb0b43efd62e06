namespace Boilerhouse.Orchestration.Resources;

/// <summary>
/// The last <c>capacity</c> samples, oldest first: a fixed array written round, so a container's
/// history costs the same memory after a day as after an hour. Safe to read while the sampler writes.
/// </summary>
public sealed class SampleRing<T>(int capacity)
    where T : struct
{
    private readonly T[] _items = new T[capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity))];
    private readonly Lock _lock = new();
    private int _next;
    private int _count;

    public int Capacity => _items.Length;

    public void Add(T item) => Add(item, out _);

    /// <summary>Adds <paramref name="item"/>; answers true with the item it pushed out when the ring was full.</summary>
    public bool Add(T item, out T evicted)
    {
        lock (_lock)
        {
            var full = _count == _items.Length;
            evicted = full ? _items[_next] : default;
            _items[_next] = item;
            _next = (_next + 1) % _items.Length;
            _count = Math.Min(_count + 1, _items.Length);
            return full;
        }
    }

    public T? Latest
    {
        get
        {
            lock (_lock)
            {
                return _count == 0 ? null : _items[(_next - 1 + _items.Length) % _items.Length];
            }
        }
    }

    public List<T> ToList()
    {
        lock (_lock)
        {
            var list = new List<T>(_count);
            var first = (_next - _count + _items.Length) % _items.Length;
            for (var i = 0; i < _count; i++)
            {
                list.Add(_items[(first + i) % _items.Length]);
            }

            return list;
        }
    }
}

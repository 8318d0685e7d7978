using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace GradGen.Generator.Model
{
    /// <summary>
    /// An immutable array compared by its elements, so that pipeline models holding it
    /// compare by value and the incremental generator can cache them.
    /// </summary>
    public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
        where T : IEquatable<T>
    {
        private readonly T[]? _items;

        public EquatableArray(T[] items) => _items = items;

        public EquatableArray(IEnumerable<T> items) => _items = items.ToArrayCopy();

        public static EquatableArray<T> Empty => new EquatableArray<T>(Array.Empty<T>());

        public int Count => _items?.Length ?? 0;

        public T this[int index] => _items![index];

        public bool Equals(EquatableArray<T> other)
        {
            var a = _items ?? Array.Empty<T>();
            var b = other._items ?? Array.Empty<T>();
            if (a.Length != b.Length) return false;
            for (int i = 0; i < a.Length; i++)
            {
                if (!EqualityComparer<T>.Default.Equals(a[i], b[i])) return false;
            }
            return true;
        }

        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        public override int GetHashCode()
        {
            unchecked
            {
                int hash = 17;
                foreach (var item in _items ?? Array.Empty<T>())
                {
                    hash = hash * 31 + (item is null ? 0 : EqualityComparer<T>.Default.GetHashCode(item));
                }
                return hash;
            }
        }

        /// <summary>A struct enumerator: <c>foreach</c> over node operands runs in every stage and must not allocate.</summary>
        public Enumerator GetEnumerator() => new(_items ?? Array.Empty<T>());

        IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable<T>)this).GetEnumerator();

        public struct Enumerator
        {
            private readonly T[] _items;
            private int _index;

            internal Enumerator(T[] items)
            {
                _items = items;
                _index = -1;
            }

            public T Current => _items[_index];

            public bool MoveNext() => ++_index < _items.Length;
        }

        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);
    }

    public static class EquatableArray
    {
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) where T : IEquatable<T>
            => new EquatableArray<T>(items);

        internal static T[] ToArrayCopy<T>(this IEnumerable<T> items) => System.Linq.Enumerable.ToArray(items);
    }
}

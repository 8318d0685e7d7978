using GradGen.Generator.Ir;
using GradGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace GradGen.Generator.Lowering
{
    /// <summary>Which C# types GradGen understands, and as what.</summary>
    internal static class TypeClassifier
    {
        public const string MatrixName = "MathNet.Numerics.LinearAlgebra.Matrix<T>";
        public const string VectorName = "MathNet.Numerics.LinearAlgebra.Vector<T>";

        /// <summary>The IR kind of a C# type, or null when GradGen cannot work with it.</summary>
        public static ValueKind? Classify(ITypeSymbol? type)
        {
            if (type is null) return null;
            switch (type.SpecialType)
            {
                case SpecialType.System_Double:
                case SpecialType.System_Single:
                case SpecialType.System_Int32:
                    return ValueKind.Scalar;
            }
            if (IsMathNet(type, MatrixName)) return ValueKind.Matrix;
            if (IsMathNet(type, VectorName)) return ValueKind.Vector;
            return null;
        }

        /// <summary>True for <c>Matrix&lt;double&gt;</c>, <c>Matrix&lt;float&gt;</c> and their subclasses (DenseMatrix, ...).</summary>
        private static bool IsMathNet(ITypeSymbol type, string definition) => ElementOf(type, definition) is not null;

        /// <summary>The element type of a MathNet generic (or of a subclass of it), when it is double or float.</summary>
        private static Precision? ElementOf(ITypeSymbol type, string definition)
        {
            for (var t = type as INamedTypeSymbol; t is not null; t = t.BaseType)
            {
                if (t.IsGenericType && t.OriginalDefinition.ToDisplayString() == definition)
                {
                    return t.TypeArguments[0].SpecialType switch
                    {
                        SpecialType.System_Double => Precision.Double,
                        SpecialType.System_Single => Precision.Single,
                        _ => null,
                    };
                }
            }
            return null;
        }

        /// <summary>
        /// The floating-point precision of a type GradGen classifies: double and Matrix/Vector&lt;double&gt;, or float and
        /// Matrix/Vector&lt;float&gt;; null for int and for anything else.
        /// </summary>
        public static Precision? PrecisionOf(ITypeSymbol? type) => type?.SpecialType switch
        {
            null => null,
            SpecialType.System_Double => Precision.Double,
            SpecialType.System_Single => Precision.Single,
            _ => ElementOf(type, MatrixName) ?? ElementOf(type, VectorName),
        };

        /// <summary>True for MathNet's <c>Cholesky&lt;double&gt;</c> (what <c>S.Cholesky()</c> returns) and its subclasses.</summary>
        public static bool IsCholesky(ITypeSymbol? type)
            => type is not null && IsMathNet(type, "MathNet.Numerics.LinearAlgebra.Factorization.Cholesky<T>");

        /// <summary>MathNet's <c>Evd&lt;double&gt;</c> (what <c>S.Evd()</c> returns).</summary>
        public static bool IsEvd(ITypeSymbol? type)
            => type is not null && IsMathNet(type, "MathNet.Numerics.LinearAlgebra.Factorization.Evd<T>");

        /// <summary>MathNet's <c>Svd&lt;double&gt;</c> (what <c>A.Svd()</c> returns).</summary>
        public static bool IsSvd(ITypeSymbol? type)
            => type is not null && IsMathNet(type, "MathNet.Numerics.LinearAlgebra.Factorization.Svd<T>");

        /// <summary>MathNet's <c>QR&lt;double&gt;</c> (what <c>A.QR()</c> returns).</summary>
        public static bool IsQr(ITypeSymbol? type)
            => type is not null && IsMathNet(type, "MathNet.Numerics.LinearAlgebra.Factorization.QR<T>");

        /// <summary>MathNet's <c>LU&lt;double&gt;</c> (what <c>A.LU()</c> returns).</summary>
        public static bool IsLu(ITypeSymbol? type)
            => type is not null && IsMathNet(type, "MathNet.Numerics.LinearAlgebra.Factorization.LU<T>");

        /// <summary>MathNet's <c>GramSchmidt&lt;double&gt;</c> (what <c>A.GramSchmidt()</c> returns).</summary>
        public static bool IsGramSchmidt(ITypeSymbol? type)
            => type is not null && IsMathNet(type, "MathNet.Numerics.LinearAlgebra.Factorization.GramSchmidt<T>");

        /// <summary>A decomposition GradGen reads: Cholesky, Evd, Svd, QR, GramSchmidt or LU.</summary>
        public static bool IsDecomposition(ITypeSymbol? type)
            => IsCholesky(type) || IsEvd(type) || IsSvd(type) || IsQr(type) || IsGramSchmidt(type) || IsLu(type);

        public static bool IsDifferentiable(ITypeSymbol type)
            => type.SpecialType is SpecialType.System_Double or SpecialType.System_Single
                || Classify(type) is ValueKind.Matrix or ValueKind.Vector;

        /// <summary>double or float: a scalar that carries a derivative (int does not).</summary>
        public static bool IsFloatingScalar(ITypeSymbol? type)
            => type?.SpecialType is SpecialType.System_Double or SpecialType.System_Single;

        public static bool IsMatrixBuilder(ITypeSymbol? type)
            => type is INamedTypeSymbol { IsGenericType: true } named
                && named.OriginalDefinition.ToDisplayString() == "MathNet.Numerics.LinearAlgebra.MatrixBuilder<T>";

        /// <summary>System.Math, or System.MathF (its float twin: the same functions, the same derivatives).</summary>
        public static bool IsSystemMath(ITypeSymbol? type) => type?.ToDisplayString() is "System.Math" or "System.MathF";
    }
}

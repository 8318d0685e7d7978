#!/usr/bin/env bash
# Mutation testing of the generator's rules and of the runtime's kernels (issue 19, item 3), with Stryker.NET pinned in
# dotnet-tools.json. Not part of CI: a whole run takes tens of minutes on two cores.
#
#   bash tools/mutation/run.sh generator 'Ir/Operations/Lu.cs' 'Ir/Operations/Cholesky.cs'   # some descriptor families
#   bash tools/mutation/run.sh generator 'Ir/Operations/*.cs'       # every rule
#   bash tools/mutation/run.sh generator 'Simplify/*.cs'
#   bash tools/mutation/run.sh runtime 'Gemm/LuFactorization.cs'
#
# Each target runs only the tests that check its code (the filters below), so a mutant costs seconds, not the suite's
# minute. Reports land in tools/mutation/reports/<target>/ (the JSON report lists each survivor with its line).
set -euo pipefail
cd "$(dirname "$0")/../.."
target="${1:-generator}"
shift || true
patterns=("$@")
[ ${#patterns[@]} -gt 0 ] || patterns=('Ir/Operations/*.cs')
mutate=()
for p in "${patterns[@]}"; do mutate+=(--mutate "$p"); done
case "$target" in
  generator)
    project=src/GradGen.Generator
    # The rules: the dot-product and finite-difference checks per operation, the closed forms, the catalogues.
    filter='FullyQualifiedName~OperationDescriptorTests|FullyQualifiedName~FormulaTableTests|FullyQualifiedName~OperationGradientTests'
    filter+='|FullyQualifiedName~CholeskyTests|FullyQualifiedName~SpectralTests|FullyQualifiedName~MemberGradientTests'
    filter+='|FullyQualifiedName~CvprGradientTests|FullyQualifiedName~HessianTests|FullyQualifiedName~JacobianTests'
    # What the derivation comment and the messages say: the snapshots, shape errors and diagnostics.
    filter+='|FullyQualifiedName~SnapshotTests|FullyQualifiedName~ShapeErrorTests|FullyQualifiedName~DiagnosticTests'
    filter+='|FullyQualifiedName~CustomRuleTests|FullyQualifiedName~SingularInputTests|FullyQualifiedName~NotationTests'
    filter+='|FullyQualifiedName~LeastSquaresTests|FullyQualifiedName~LambdaGradientTests|FullyQualifiedName~SinglePrecisionTests'
    filter+='|FullyQualifiedName~QrFactorTests|FullyQualifiedName~LuTests|FullyQualifiedName~AggregateProductTests'
    filter+='|FullyQualifiedName~BlockNotationTests'
    # What the simplifier and the planner decide without changing a value: the O(n³) counts, symmetric forms, the code's shape.
    filter+='|FullyQualifiedName~EmissionCostTests|FullyQualifiedName~SymmetricTests|FullyQualifiedName~GeneratedCodeHygieneTests'
    filter+='|FullyQualifiedName~SimplifierTests|FullyQualifiedName~CostLineTests|FullyQualifiedName~AlgebraRuleTests'
    ;;
  runtime)
    project=src/GradGen.Runtime
    filter='FullyQualifiedName~ManagedGemmTests|FullyQualifiedName~RuntimeTests|FullyQualifiedName~SingularInputTests'
    filter+='|FullyQualifiedName~SparseProductTests|FullyQualifiedName~SinglePrecisionTests|FullyQualifiedName~LuFactorizationTests'
    filter+='|FullyQualifiedName~KernelChoiceTests'
    ;;
  *) echo "target: generator or runtime" >&2; exit 2 ;;
esac
dotnet tool restore >/dev/null
out="$PWD/tools/mutation/reports/$target"
mkdir -p "$out"
cd "$project"
dotnet stryker --test-project ../../tests/GradGen.Tests/GradGen.Tests.csproj "${mutate[@]}" \
  --test-case-filter "$filter" --reporter cleartext --reporter json --reporter progress \
  --concurrency "${STRYKER_CONCURRENCY:-2}" --output "$out" --disable-bail

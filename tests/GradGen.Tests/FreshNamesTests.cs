using GradGen.Generator.Model;
using Xunit;

namespace GradGen.Tests
{
    /// <summary>The one fresh-name function of generated code, in both of its spellings.</summary>
    public class FreshNamesTests
    {
        [Fact]
        public void Locals_take_the_first_free_number_and_never_a_taken_name()
        {
            var names = new FreshNames(new[] { "X", "XB2" });
            Assert.Equal("XB", names.Numbered("XB"));
            Assert.Equal("XB3", names.Numbered("XB"));   // XB2 is the user's
            Assert.Equal("XB4", names.Numbered("XB"));
            Assert.Equal("X2", names.Numbered("X"));
            Assert.False(names.Take("XB4"));
            Assert.True(names.Take("Y"));
            Assert.Equal("Y2", names.Numbered("Y"));
        }

        [Fact]
        public void Parameters_keep_the_users_spelling_with_underscores()
        {
            var names = new FreshNames(new[] { "gradX", "gradX_" });
            Assert.Equal("gradX__", names.Underscored("gradX"));
            Assert.Equal("gradX___", names.Underscored("gradX"));
            Assert.Equal("Fbar", FreshNames.FirstUnderscored("Fbar", _ => false));
            Assert.Equal("V_", FreshNames.FirstUnderscored("V", n => n == "V"));
            Assert.Equal("broke3", FreshNames.FirstNumbered("broke", n => n is "broke" or "broke2"));
        }
    }
}

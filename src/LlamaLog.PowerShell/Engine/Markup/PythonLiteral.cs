using System;
using System.Collections.Generic;
using System.Globalization;

namespace LlamaLog.Engine.Markup
{
    /// <summary>
    /// Checks the parameters of a meta tag (<c>[@click=...]</c>) the way Rich does when the tag closes: an optional
    /// handler name, then <c>ast.literal_eval</c>. Only validity matters (the engine keeps no meta data), but the
    /// error text follows Python's: tokenizer errors (unclosed or mismatched brackets, unterminated strings, bad
    /// numbers) word for word, <c>invalid syntax</c> for other syntax errors, and <c>malformed node or string</c>
    /// for valid Python that is not a literal (Python's message also holds an object address, which is omitted).
    /// </summary>
    internal static class PythonLiteral
    {
        // Python's tokenizer refuses deeper nesting; it also bounds this parser's recursion.
        private const int MaxNesting = 200;

        /// <summary>Null when the parameters are valid, else Rich's MarkupError message.</summary>
        public static string CheckMetaParameters(string original)
        {
            string parameters = Config.PythonText.Strip(original);
            int prefix = 0;
            while (prefix < parameters.Length && (parameters[prefix] == '.' || PythonCharacters.IsWordChar(parameters, prefix)))
            {
                prefix += PythonCharacters.CharLength(parameters, prefix);
            }

            // Rich's handler pattern ^([\w.]*?)(\(.*?\))?$ : a name, then nothing or one (...) on a single line.
            string rest = parameters.Substring(prefix);
            if (rest.Length == 0)
            {
                parameters = "()";
            }
            else if (rest.Length >= 2 && rest[0] == '(' && rest[rest.Length - 1] == ')' && rest.IndexOf('\n') < 0)
            {
                parameters = rest;
            }

            var parser = new Parser(parameters.TrimStart(' ', '\t'));
            Result result = parser.Run();
            switch (result.Kind)
            {
                case ResultKind.SyntaxError:
                    return "error parsing " + PythonCharacters.Repr(parameters) + " in " + PythonCharacters.Repr(original) + "; " + result.Message;
                case ResultKind.ValueError:
                    return "error parsing " + PythonCharacters.Repr(original) + "; " + result.Message;
                default:
                    return null;
            }
        }

        private enum ResultKind
        {
            Valid,
            SyntaxError,
            ValueError,
        }

        private enum TokenKind
        {
            Number,
            String,
            Name,
            Operator,
            End,

            // A tokenizer error where the next token would be; its text is the error message.
            Error,
        }

        private readonly struct Result
        {
            public Result(ResultKind kind, string message)
            {
                Kind = kind;
                Message = message;
            }

            public ResultKind Kind { get; }

            public string Message { get; }
        }

        private sealed class Token
        {
            public TokenKind Kind;
            public string Text;

            // Bracket depth before the token, and its line.
            public int Level;
            public int Line;

            // For an error token: whether Python reports it even when parsing failed earlier (its syntaxerror()
            // errors do; the line-continuation and end-of-text errors do not).
            public bool Overrides;

            // Numbers: 'i' int, 'f' float, 'c' complex. Strings: 'b' bytes, 'f' f-string, 's' str.
            public char Flavor;
        }

        /// <summary>A parsed expression: its Python AST class name, and whether literal_eval accepts it.</summary>
        private sealed class Node
        {
            public string AstName;
            public Node Failure;
            public char Number;
        }

        private sealed class Parser
        {
            private readonly string source;
            private readonly List<Token> tokens = new List<Token>();
            private int next;

            // Tokenizer state, read by AddToken.
            private int level;
            private int line = 1;

            public Parser(string source)
            {
                this.source = source;
            }

            public Result Run()
            {
                Tokenize();
                Node node;
                try
                {
                    node = ParseExpressionList(0);
                    if (Peek().Kind != TokenKind.End)
                    {
                        throw new FormatException();
                    }
                }
                catch (FormatException)
                {
                    return new Result(ResultKind.SyntaxError, SyntaxMessage());
                }
                catch (ArgumentException mixed)
                {
                    return new Result(ResultKind.SyntaxError, mixed.Message);
                }

                if (node.Failure != null)
                {
                    return new Result(ResultKind.ValueError, "malformed node or string on line 1: <ast." + node.Failure.AstName + " object>");
                }

                return new Result(ResultKind.Valid, null);
            }

            // Python's choice of message when parsing stopped at the current token: the tokenizer's error when
            // the parser reached it; otherwise "invalid syntax" (or its missing-comma hint inside brackets),
            // replaced by a later tokenizer error of the kind Python reports regardless.
            private string SyntaxMessage()
            {
                Token failed = Peek();
                if (failed.Kind == TokenKind.Error)
                {
                    return failed.Text;
                }

                string message = "invalid syntax";
                if (StartsExpression() && !IsKeyword(failed.Text))
                {
                    // Python's error pass reads the second of two juxtaposed expressions to its end, and hints at
                    // a missing comma when that end is inside brackets.
                    try
                    {
                        ParseTest(failed.Level);
                        message = Peek().Kind == TokenKind.Error ? Peek().Text
                            : tokens[next - 1].Level > 0 ? "invalid syntax. Perhaps you forgot a comma?" : "invalid syntax";
                    }
                    catch (FormatException)
                    {
                        message = Peek().Kind == TokenKind.Error ? Peek().Text : "invalid syntax";
                    }
                    catch (ArgumentException)
                    {
                    }

                    if (message != "invalid syntax" && message != "invalid syntax. Perhaps you forgot a comma?")
                    {
                        return message;
                    }
                }

                Token last = tokens[tokens.Count - 1];
                if (last.Kind == TokenKind.Error && (last.Overrides || failed.Line > last.Line))
                {
                    return last.Text;
                }

                return message;
            }

            // expression_list: a top-level or parenthesized comma list becomes a Tuple.
            private Node ParseExpressionList(int depth)
            {
                Node first = ParseTest(depth);
                if (!IsOperator(","))
                {
                    return first;
                }

                var tuple = new Node { AstName = "Tuple", Failure = first.Failure };
                while (IsOperator(","))
                {
                    next++;
                    if (StartsExpression())
                    {
                        Node item = ParseTest(depth);
                        tuple.Failure = tuple.Failure ?? item.Failure;
                    }
                    else
                    {
                        break;
                    }
                }

                return tuple;
            }

            // Boolean, comparison and arithmetic operators, without precedence: any of them makes a non-literal,
            // except the complex form "number +/- imaginary", which is checked on its own.
            // A conditional expression; "a if b else c if d else e" nests to the right, read here as a loop.
            private Node ParseTest(int depth)
            {
                Node node = ParseOperators(depth);
                while (IsName("if"))
                {
                    next++;
                    ParseOperators(depth);
                    ExpectName("else");
                    ParseOperators(depth);
                    node = new Node { AstName = "IfExp" };
                    node.Failure = node;
                }

                return node;
            }

            // Operands joined by binary, comparison and boolean operators, read as a flat loop (a chain of a
            // hundred thousand '+' must not recurse). Only "number +/- imaginary" is a literal.
            private Node ParseOperators(int depth)
            {
                Node left = ParseNot(depth);
                Node right = null;
                string firstOperator = null;
                int count = 0;
                bool boolean = false;
                bool comparison = false;
                while (IsBinaryOperator())
                {
                    string op = tokens[next].Text;
                    next++;
                    if ((op == "not" && IsName("in")) || (op == "is" && IsName("not")))
                    {
                        next++;
                    }

                    Node operand = ParseNot(depth);
                    if (count++ == 0)
                    {
                        firstOperator = op;
                        right = operand;
                    }

                    boolean |= op == "and" || op == "or";
                    comparison |= IsComparison(op);
                }

                if (count == 0)
                {
                    return left;
                }

                var binary = new Node { AstName = boolean ? "BoolOp" : comparison ? "Compare" : "BinOp" };
                binary.Failure = binary;
                if (count == 1 && (firstOperator == "+" || firstOperator == "-"))
                {
                    // literal_eval converts the left side as a signed number, then the right as a number,
                    // reporting the first that is not one; then only real +/- imaginary is a literal.
                    Node leftNumber = left.AstName == "UnaryOp" ? left.Failure : (left.AstName == "Constant" && left.Number != '\0' ? null : left);
                    Node rightNumber = right.AstName == "Constant" && right.Number != '\0' ? null : right;
                    binary.Failure = leftNumber ?? rightNumber ?? (IsSignedReal(left) && right.Number == 'c' ? null : binary);
                }

                return binary;
            }

            // 'not' is a boolean operator, looser than the arithmetic signs: "+not x" is a syntax error.
            private Node ParseNot(int depth)
            {
                if (!IsName("not"))
                {
                    return ParseUnary(depth);
                }

                while (IsName("not"))
                {
                    next++;
                }

                ParseUnary(depth);
                var not = new Node { AstName = "UnaryOp" };
                not.Failure = not;
                return not;
            }

            private Node ParseUnary(int depth)
            {
                int signs = 0;
                bool invert = false;
                while (IsOperator("+") || IsOperator("-") || IsOperator("~"))
                {
                    invert |= IsOperator("~");
                    signs++;
                    next++;
                }

                Node operand = ParsePrimary(depth);
                if (signs == 0)
                {
                    return operand;
                }

                // literal_eval accepts one sign in front of a number. Otherwise it reports the operand (or the
                // whole operation for '~' and for nested signs, whose operand is itself an operation).
                var unary = new Node { AstName = "UnaryOp", Number = operand.Number };
                bool number = operand.AstName == "Constant" && operand.Number != '\0';
                if (invert)
                {
                    unary.Failure = unary;
                }
                else if (signs > 1)
                {
                    unary.Failure = new Node { AstName = "UnaryOp" };
                }
                else if (!number)
                {
                    unary.Failure = operand;
                }

                return unary;
            }

            private Node ParsePrimary(int depth)
            {
                Node node = ParseAtom(depth);
                while (true)
                {
                    if (IsOperator("("))
                    {
                        bool emptySet = node.AstName == "Name" && node.Failure != null && node.Failure.Number == 's' && PeekAt(1).Text == ")";
                        ParseEnclosed(depth, ")", allowDict: false);
                        var call = new Node { AstName = "Call" };
                        call.Failure = emptySet ? null : call;
                        node = call;
                    }
                    else if (IsOperator("["))
                    {
                        ParseEnclosed(depth, "]", allowDict: false);
                        var subscript = new Node { AstName = "Subscript" };
                        subscript.Failure = subscript;
                        node = subscript;
                    }
                    else if (IsOperator("."))
                    {
                        next++;
                        if (Peek().Kind != TokenKind.Name)
                        {
                            throw new FormatException();
                        }

                        next++;
                        var attribute = new Node { AstName = "Attribute" };
                        attribute.Failure = attribute;
                        node = attribute;
                    }
                    else
                    {
                        return node;
                    }
                }
            }

            private Node ParseAtom(int depth)
            {
                Token token = Peek();
                switch (token.Kind)
                {
                    case TokenKind.Number:
                        next++;
                        return new Node { AstName = "Constant", Number = token.Flavor };

                    case TokenKind.String:
                        return ParseStrings();

                    case TokenKind.Name:
                        if (IsKeyword(token.Text))
                        {
                            throw new FormatException();
                        }

                        next++;
                        if (token.Text == "True" || token.Text == "False" || token.Text == "None")
                        {
                            return new Node { AstName = "Constant" };
                        }

                        // A bare name is not a literal; "set" is remembered because set() is allowed.
                        var name = new Node { AstName = "Name" };
                        name.Failure = new Node { AstName = "Name", Number = token.Text == "set" ? 's' : '\0' };
                        return name;

                    case TokenKind.Operator when token.Text == "...":
                        next++;
                        return new Node { AstName = "Constant" };

                    case TokenKind.Operator when token.Text == "(":
                        return ParseEnclosed(depth, ")", allowDict: false, tupleByDefault: true);

                    case TokenKind.Operator when token.Text == "[":
                        Node list = ParseEnclosed(depth, "]", allowDict: false);
                        list.AstName = "List";
                        return list;

                    case TokenKind.Operator when token.Text == "{":
                        return ParseEnclosed(depth, "}", allowDict: true);

                    default:
                        throw new FormatException();
                }
            }

            // The contents of (...), [...] or {...}: comma-separated items, dict items when allowed.
            private Node ParseEnclosed(int depth, string close, bool allowDict, bool tupleByDefault = false)
            {
                if (depth >= MaxNesting)
                {
                    throw new FormatException();
                }

                next++;
                var node = new Node { AstName = allowDict ? "Dict" : "Tuple" };
                int items = 0;
                bool comma = false;
                bool dict = false;
                while (!IsOperator(close))
                {
                    if (items > 0 && !comma)
                    {
                        throw new FormatException();
                    }

                    Node item = ParseTest(depth + 1);
                    node.Failure = node.Failure ?? item.Failure;
                    if (allowDict && (items == 0 ? IsOperator(":") : dict))
                    {
                        dict = true;
                        Expect(":");
                        Node value = ParseTest(depth + 1);
                        node.Failure = node.Failure ?? value.Failure;
                    }

                    items++;
                    comma = IsOperator(",");
                    if (comma)
                    {
                        next++;
                    }
                    else if (!IsOperator(close))
                    {
                        throw new FormatException();
                    }

                    if (items == 1 && !comma && tupleByDefault && IsOperator(close))
                    {
                        // (x) is just x.
                        next++;
                        return item;
                    }
                }

                if (tupleByDefault && items == 0 && comma)
                {
                    throw new FormatException();
                }

                next++;
                if (allowDict && !dict && items > 0)
                {
                    node.AstName = "Set";
                }

                return node;
            }

            private Node ParseStrings()
            {
                char kind = '\0';
                bool formatted = false;
                while (Peek().Kind == TokenKind.String)
                {
                    Token token = tokens[next++];
                    char flavor = token.Flavor == 'b' ? 'b' : 's';
                    if (kind != '\0' && kind != flavor)
                    {
                        throw new ArgumentException("cannot mix bytes and nonbytes literals");
                    }

                    kind = flavor;
                    formatted |= token.Flavor == 'f';
                }

                var node = new Node { AstName = formatted ? "JoinedStr" : "Constant" };
                node.Failure = formatted ? node : null;
                return node;
            }

            private static bool IsSignedReal(Node node)
            {
                return node.Failure == null && (node.AstName == "Constant" || node.AstName == "UnaryOp") && (node.Number == 'i' || node.Number == 'f');
            }

            private static bool IsComparison(string op)
            {
                switch (op)
                {
                    case "<":
                    case ">":
                    case "<=":
                    case ">=":
                    case "==":
                    case "!=":
                    case "in":
                    case "not":
                    case "is":
                        return true;
                    default:
                        return false;
                }
            }

            private bool IsBinaryOperator()
            {
                Token token = Peek();
                if (token.Kind == TokenKind.Name)
                {
                    return token.Text == "and" || token.Text == "or" || token.Text == "in" || token.Text == "is"
                        || (token.Text == "not" && PeekAt(1).Kind == TokenKind.Name && PeekAt(1).Text == "in");
                }

                if (token.Kind != TokenKind.Operator)
                {
                    return false;
                }

                switch (token.Text)
                {
                    case "+":
                    case "-":
                    case "*":
                    case "/":
                    case "//":
                    case "%":
                    case "**":
                    case "@":
                    case "<<":
                    case ">>":
                    case "&":
                    case "|":
                    case "^":
                    case "<":
                    case ">":
                    case "<=":
                    case ">=":
                    case "==":
                    case "!=":
                        return true;
                    default:
                        return false;
                }
            }

            private static bool IsKeyword(string name)
            {
                switch (name)
                {
                    case "and":
                    case "as":
                    case "assert":
                    case "async":
                    case "await":
                    case "break":
                    case "class":
                    case "continue":
                    case "def":
                    case "del":
                    case "elif":
                    case "else":
                    case "except":
                    case "finally":
                    case "for":
                    case "from":
                    case "global":
                    case "if":
                    case "import":
                    case "in":
                    case "is":
                    case "lambda":
                    case "nonlocal":
                    case "not":
                    case "or":
                    case "pass":
                    case "raise":
                    case "return":
                    case "try":
                    case "while":
                    case "with":
                    case "yield":
                        return true;
                    default:
                        return false;
                }
            }

            private bool StartsExpression()
            {
                Token token = Peek();
                switch (token.Kind)
                {
                    case TokenKind.Number:
                    case TokenKind.String:
                        return true;
                    case TokenKind.Name:
                        return !IsKeyword(token.Text) || token.Text == "not";
                    case TokenKind.Operator:
                        return token.Text == "(" || token.Text == "[" || token.Text == "{" || token.Text == "-" || token.Text == "+"
                            || token.Text == "~" || token.Text == "...";
                    default:
                        return false;
                }
            }

            private Token Peek()
            {
                return tokens[Math.Min(next, tokens.Count - 1)];
            }

            private Token PeekAt(int offset)
            {
                return tokens[Math.Min(next + offset, tokens.Count - 1)];
            }

            private bool IsOperator(string text)
            {
                Token token = Peek();
                return token.Kind == TokenKind.Operator && token.Text == text;
            }

            private bool IsName(string text)
            {
                Token token = Peek();
                return token.Kind == TokenKind.Name && token.Text == text;
            }

            private void Expect(string op)
            {
                if (!IsOperator(op))
                {
                    throw new FormatException();
                }

                next++;
            }

            private void ExpectName(string name)
            {
                if (!IsName(name))
                {
                    throw new FormatException();
                }

                next++;
            }

            // Python's tokenizer, as far as literals need it; returns the first error it reports.
            // Python's tokenizer, as far as literals need it. The first error ends the tokens as an Error token.
            private void Tokenize()
            {
                var brackets = new Stack<KeyValuePair<char, int>>();
                string error = Scan(brackets, out bool overrides);
                if (error == null && brackets.Count > 0)
                {
                    // Running out of text inside brackets: an error only where the parser needs another token.
                    line = brackets.Peek().Value;
                    AddError("'" + brackets.Peek().Key + "' was never closed", overrides: false);
                    return;
                }

                if (error != null)
                {
                    AddError(error, overrides);
                    return;
                }

                AddToken(TokenKind.End, string.Empty, '\0');
            }

            private void AddError(string message, bool overrides)
            {
                AddToken(TokenKind.Error, message, '\0');
                tokens[tokens.Count - 1].Overrides = overrides;
            }

            private string Scan(Stack<KeyValuePair<char, int>> brackets, out bool overrides)
            {
                overrides = true;
                int i = 0;
                bool trailingOnly = false;
                while (i < source.Length)
                {
                    char c = source[i];
                    if (c == ' ' || c == '\t' || c == '\f')
                    {
                        i++;
                        continue;
                    }

                    if (c == '#')
                    {
                        while (i < source.Length && source[i] != '\n')
                        {
                            i++;
                        }

                        continue;
                    }

                    if (c == '\n' || c == '\r')
                    {
                        line++;
                        if (brackets.Count == 0)
                        {
                            trailingOnly = true;
                        }

                        i++;
                        continue;
                    }

                    if (trailingOnly)
                    {
                        // A second logical line: eval mode takes one expression.
                        AddToken(TokenKind.Operator, "\n", '\0');
                        trailingOnly = false;
                    }

                    if (c == '\\')
                    {
                        if (i + 1 >= source.Length || source[i + 1] != '\n')
                        {
                            overrides = false;
                            return "unexpected character after line continuation character";
                        }

                        i += 2;
                        line++;
                        continue;
                    }

                    int stringStart = StringStart(i);
                    if (stringStart >= 0)
                    {
                        string error = ReadString(i, stringStart, ref i, ref line);
                        if (error != null)
                        {
                            return error;
                        }

                        continue;
                    }

                    if ((c >= '0' && c <= '9') || (c == '.' && i + 1 < source.Length && source[i + 1] >= '0' && source[i + 1] <= '9'))
                    {
                        string error = ReadNumber(ref i);
                        if (error != null)
                        {
                            return error;
                        }

                        continue;
                    }

                    if (c == '_' || (PythonCharacters.IsWordChar(source, i) && !char.IsDigit(c)))
                    {
                        int start = i;
                        while (i < source.Length && (source[i] == '_' || PythonCharacters.IsWordChar(source, i)))
                        {
                            i += PythonCharacters.CharLength(source, i);
                        }

                        AddToken(TokenKind.Name, source.Substring(start, i - start), '\0');
                        continue;
                    }

                    if (c == '(' || c == '[' || c == '{')
                    {
                        if (brackets.Count >= MaxNesting)
                        {
                            return "too many nested parentheses";
                        }

                        AddToken(TokenKind.Operator, c.ToString(), '\0');
                        brackets.Push(new KeyValuePair<char, int>(c, line));
                        level = brackets.Count;
                        i++;
                        continue;
                    }

                    if (c == ')' || c == ']' || c == '}')
                    {
                        if (brackets.Count == 0)
                        {
                            return "unmatched '" + c + "'";
                        }

                        KeyValuePair<char, int> open = brackets.Pop();
                        char expected = open.Key == '(' ? ')' : open.Key == '[' ? ']' : '}';
                        if (c != expected)
                        {
                            return "closing parenthesis '" + c + "' does not match opening parenthesis '" + open.Key + "'"
                                + (open.Value != line ? " on line " + open.Value.ToString(CultureInfo.InvariantCulture) : string.Empty);
                        }

                        level = brackets.Count;
                        AddToken(TokenKind.Operator, c.ToString(), '\0');
                        i++;
                        continue;
                    }

                    string op = ReadOperator(i);
                    if (op == null)
                    {
                        overrides = false;
                        return "invalid syntax";
                    }

                    AddToken(TokenKind.Operator, op, '\0');
                    i += op.Length;
                }

                return null;
            }

            private void AddToken(TokenKind kind, string text, char flavor)
            {
                tokens.Add(new Token { Kind = kind, Text = text, Flavor = flavor, Level = level, Line = line });
            }

            private string ReadOperator(int i)
            {
                string[] operators =
                {
                    "...", "**", "//", "<<", ">>", "<=", ">=", "==", "!=", ",", ":", ".", "+", "-", "*", "/", "%", "@", "&", "|", "^", "~", "<", ">",
                };
                foreach (string op in operators)
                {
                    if (string.CompareOrdinal(source, i, op, 0, op.Length) == 0)
                    {
                        return op;
                    }
                }

                return null;
            }

            // The index of the opening quote when a string (with an optional prefix) starts at i, else -1.
            private int StringStart(int i)
            {
                int quote = i;
                while (quote < source.Length && quote - i < 2 && "rRbBuUfF".IndexOf(source[quote]) >= 0)
                {
                    quote++;
                }

                if (quote >= source.Length || (source[quote] != '\'' && source[quote] != '"'))
                {
                    return -1;
                }

                string prefix = source.Substring(i, quote - i).ToLowerInvariant();
                switch (prefix)
                {
                    case "":
                    case "r":
                    case "u":
                    case "b":
                    case "f":
                    case "br":
                    case "rb":
                    case "fr":
                    case "rf":
                        return quote;
                    default:
                        return -1;
                }
            }

            private string ReadString(int start, int quoteAt, ref int i, ref int line)
            {
                string prefix = source.Substring(start, quoteAt - start).ToLowerInvariant();
                char quote = source[quoteAt];
                bool triple = quoteAt + 2 < source.Length && source[quoteAt + 1] == quote && source[quoteAt + 2] == quote;
                int at = quoteAt + (triple ? 3 : 1);
                while (true)
                {
                    if (at >= source.Length)
                    {
                        return triple
                            ? "unterminated triple-quoted string literal (detected at line " + line.ToString(CultureInfo.InvariantCulture) + ")"
                            : "unterminated string literal (detected at line " + line.ToString(CultureInfo.InvariantCulture) + ")";
                    }

                    char c = source[at];
                    if (c == '\\' && at + 1 < source.Length)
                    {
                        if (source[at + 1] == '\n')
                        {
                            line++;
                        }

                        at += 2;
                        continue;
                    }

                    if (c == '\n')
                    {
                        if (!triple)
                        {
                            return "unterminated string literal (detected at line " + line.ToString(CultureInfo.InvariantCulture) + ")";
                        }

                        line++;
                    }

                    if (c == quote && (!triple || (at + 2 < source.Length && source[at + 1] == quote && source[at + 2] == quote)))
                    {
                        at += triple ? 3 : 1;
                        break;
                    }

                    at++;
                }

                i = at;
                AddToken(TokenKind.String, source.Substring(start, at - start), prefix.IndexOf('b') >= 0 ? 'b' : prefix.IndexOf('f') >= 0 ? 'f' : 's');
                return null;
            }

            // Python number literals: decimal, 0x/0o/0b, floats, exponents, imaginary 'j', with '_' separators.
            private string ReadNumber(ref int i)
            {
                int start = i;
                char flavor = 'i';
                if (source[i] == '0' && i + 1 < source.Length && "xXoObB".IndexOf(source[i + 1]) >= 0)
                {
                    char radix = char.ToLowerInvariant(source[i + 1]);
                    string name = radix == 'x' ? "hexadecimal" : radix == 'o' ? "octal" : "binary";
                    i += 2;
                    if (ReadDigits(ref i, radix) <= 0)
                    {
                        return "invalid " + name + " literal";
                    }

                    return EndNumber(start, i, flavor, name);
                }

                if (ReadDigits(ref i, 'd') < 0)
                {
                    return "invalid decimal literal";
                }

                if (i < source.Length && source[i] == '.')
                {
                    flavor = 'f';
                    i++;
                    if (ReadDigits(ref i, 'd') < 0)
                    {
                        return "invalid decimal literal";
                    }
                }

                if (i < source.Length && (source[i] == 'e' || source[i] == 'E'))
                {
                    int mark = i;
                    i++;
                    if (i < source.Length && (source[i] == '+' || source[i] == '-'))
                    {
                        i++;
                    }

                    if (ReadDigits(ref i, 'd') > 0)
                    {
                        flavor = 'f';
                    }
                    else
                    {
                        // Not an exponent after all: the number ends before the 'e' ("1else" is allowed).
                        i = mark;
                    }
                }

                if (i < source.Length && (source[i] == 'j' || source[i] == 'J'))
                {
                    flavor = 'c';
                    i++;
                }

                string text = source.Substring(start, i - start);
                if (flavor == 'i' && text.Length > 1 && text[0] == '0' && text.Replace("_", string.Empty).Trim('0').Length > 0)
                {
                    return "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers";
                }

                return EndNumber(start, i, flavor, "decimal");
            }

            // Python's verify_end_of_number: a keyword that may follow a number in valid code is only a warning
            // ("1if x else y"); any other identifier character right after the number is an error.
            private string EndNumber(int start, int i, char flavor, string kind)
            {
                if (i < source.Length)
                {
                    string[] allowed = { "and", "else", "for", "if", "in", "is", "or", "not" };
                    bool keyword = false;
                    foreach (string word in allowed)
                    {
                        keyword |= string.CompareOrdinal(source, i, word, 0, word.Length) == 0;
                    }

                    if (!keyword && (source[i] == '_' || source[i] >= 0x80 || PythonCharacters.IsWordChar(source, i)))
                    {
                        return "invalid " + kind + " literal";
                    }
                }

                AddToken(TokenKind.Number, source.Substring(start, i - start), flavor);
                return null;
            }

            // Digits of a radix with single '_' separators; the count, or -1 for a misplaced '_'.
            private int ReadDigits(ref int i, char radix)
            {
                int count = 0;
                while (i < source.Length)
                {
                    char c = source[i];
                    if (c == '_')
                    {
                        if (count == 0 || i + 1 >= source.Length || !IsDigit(source[i + 1], radix))
                        {
                            return -1;
                        }

                        i++;
                        continue;
                    }

                    if (!IsDigit(c, radix))
                    {
                        break;
                    }

                    count++;
                    i++;
                }

                return count;
            }

            private static bool IsDigit(char c, char radix)
            {
                switch (radix)
                {
                    case 'x':
                        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
                    case 'o':
                        return c >= '0' && c <= '7';
                    case 'b':
                        return c == '0' || c == '1';
                    default:
                        return c >= '0' && c <= '9';
                }
            }
        }
    }
}

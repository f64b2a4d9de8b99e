<?xml version="1.0"?>
<!-- Groups employees by department (Muenchian grouping with a key) and writes an HTML report with sums. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" indent="yes"/>
  <xsl:key name="by-dept" match="employee" use="@dept"/>
  <xsl:template match="/company">
    <html><body>
      <h1>Company <xsl:value-of select="@name"/></h1>
      <xsl:for-each select="employee[generate-id() = generate-id(key('by-dept', @dept)[1])]">
        <xsl:sort select="@dept"/>
        <xsl:variable name="staff" select="key('by-dept', @dept)"/>
        <h2><xsl:value-of select="@dept"/> (<xsl:value-of select="count($staff)"/>)</h2>
        <p>total salary <xsl:value-of select="sum($staff/salary)"/>,
           top <xsl:value-of select="$staff[not($staff/salary &gt; salary)][1]/name"/></p>
        <table>
          <xsl:for-each select="$staff">
            <xsl:sort select="salary" data-type="number" order="descending"/>
            <xsl:sort select="name"/>
            <xsl:if test="position() &lt;= 20">
              <tr><td><xsl:value-of select="name"/></td><td><xsl:value-of select="salary"/></td>
                <td><xsl:value-of select="count(skill)"/></td></tr>
            </xsl:if>
          </xsl:for-each>
        </table>
      </xsl:for-each>
    </body></html>
  </xsl:template>
</xsl:stylesheet>

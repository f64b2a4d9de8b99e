<?xml version="1.0"?>
<!-- Follows each employee's manager chain with a recursive template and reports its length and salary total. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="text"/>
  <xsl:key name="by-id" match="employee" use="@id"/>
  <xsl:template match="/company">
    <xsl:for-each select="employee[position() mod 3 = 0]">
      <xsl:value-of select="@id"/>
      <xsl:text> </xsl:text>
      <xsl:call-template name="chain">
        <xsl:with-param name="who" select="."/>
        <xsl:with-param name="depth" select="0"/>
        <xsl:with-param name="total" select="0"/>
      </xsl:call-template>
      <xsl:text>&#10;</xsl:text>
    </xsl:for-each>
  </xsl:template>
  <xsl:template name="chain">
    <xsl:param name="who"/>
    <xsl:param name="depth"/>
    <xsl:param name="total"/>
    <xsl:variable name="boss" select="key('by-id', $who/@manager)"/>
    <xsl:choose>
      <xsl:when test="$boss and $depth &lt; 200">
        <xsl:call-template name="chain">
          <xsl:with-param name="who" select="$boss"/>
          <xsl:with-param name="depth" select="$depth + 1"/>
          <xsl:with-param name="total" select="$total + $who/salary"/>
        </xsl:call-template>
      </xsl:when>
      <xsl:otherwise><xsl:value-of select="concat($depth, ' ', $total + $who/salary)"/></xsl:otherwise>
    </xsl:choose>
  </xsl:template>
</xsl:stylesheet>
